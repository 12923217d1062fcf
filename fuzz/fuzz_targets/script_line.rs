//! A REPL or script line: word splitting, `${var}` substitution per word, then the grammar.
#![no_main]
use clap::Parser;
use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;

fuzz_target!(|data: &[u8]| {
    let Ok(line) = std::str::from_utf8(data) else {
        return;
    };
    let vars: BTreeMap<String, String> = [("node".to_string(), "compute-1".to_string())].into();
    let Ok(words) = shell_words::split(line) else {
        return;
    };
    let words: Vec<String> = words
        .iter()
        .filter_map(|w| butterfly_cli::commands::run::substitute(w, &vars).ok())
        .collect();
    let _ = butterfly_cli::cli::Line::try_parse_from(&words);
});
