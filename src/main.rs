//! `butterfly-cli`: parse, then hand over to the library.

use butterfly_cli::cli::{Cli, Command};
use butterfly_cli::commands::demo;
use butterfly_cli::error::{EXIT_ERROR, EXIT_OK};
use butterfly_cli::session::{Session, Via};
use butterfly_cli::{exec, repl};
use clap::Parser;
use std::sync::Arc;

fn main() {
    std::process::exit(real_main());
}

fn real_main() -> i32 {
    // `COMPLETE=bash butterfly-cli` (and a shell asking for candidates): clap_complete's engine
    // answers from the same grammar the REPL completes with, then exits.
    clap_complete::CompleteEnv::with_factory(butterfly_cli::cli::command).complete();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            return match butterfly_cli::error::Error::from_clap(&e) {
                Some(err) => exec::report_error(&err),
                None => {
                    let _ = e.print();
                    EXIT_OK
                }
            };
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return EXIT_ERROR;
        }
    };
    let line = shell_words::join(std::env::args().skip(1));
    let global = cli.global.clone();
    let code = match cli.command {
        Command::Debug => {
            let session = Arc::new(Session::new(global, Via::Repl));
            repl::run(&runtime, session)
        }
        Command::Demo(args) if args.is_interactive() => {
            let up = Session::new(global.clone(), Via::OneShot);
            let code = runtime.block_on(exec::run(&up, &line, &global, Command::Demo(args)));
            if code == EXIT_OK {
                let mut opts = global;
                opts.profile = Some(demo::DEMO_PROFILE.to_string());
                repl::run(&runtime, Arc::new(Session::new(opts, Via::Repl)));
            }
            code
        }
        cmd => {
            let session = Session::new(global.clone(), Via::OneShot);
            runtime.block_on(exec::run(&session, &line, &global, cmd))
        }
    };
    runtime.block_on(demo::teardown_attached());
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    code
}
