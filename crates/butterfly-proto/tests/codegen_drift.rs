//! Fails when the committed generated code or descriptor set drifts from `proto/`.
//! Refresh with `BUTTERFLY_BLESS=1 cargo test -p butterfly-proto --test codegen_drift`.

use prost::Message;
use std::path::{Path, PathBuf};

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn generated_code_matches_proto() {
    let dir = crate_dir();
    let fds = protox::compile(["butterfly/debug/v1/debug.proto"], [dir.join("proto")])
        .expect("debug.proto compiles");
    let out = tempfile::tempdir().expect("tempdir");
    tonic_prost_build::configure()
        .build_client(true)
        .build_server(true)
        .out_dir(out.path())
        .compile_fds(fds.clone())
        .expect("codegen runs");

    let generated = out.path().join("butterfly.debug.v1.rs");
    let fresh_code = std::fs::read_to_string(&generated).expect("generated file exists");
    let fresh_descriptor = fds.encode_to_vec();

    let committed_code_path = dir.join("src/generated/butterfly.debug.v1.rs");
    let committed_descriptor_path = dir.join("src/generated/descriptor.bin");
    if std::env::var_os("BUTTERFLY_BLESS").is_some() {
        write(&committed_code_path, fresh_code.as_bytes());
        write(&committed_descriptor_path, &fresh_descriptor);
        return;
    }
    let committed_code = std::fs::read_to_string(&committed_code_path).unwrap_or_default();
    let committed_descriptor = std::fs::read(&committed_descriptor_path).unwrap_or_default();
    assert!(
        committed_code == fresh_code,
        "src/generated/butterfly.debug.v1.rs is stale: run BUTTERFLY_BLESS=1 cargo test -p butterfly-proto --test codegen_drift"
    );
    assert!(
        committed_descriptor == fresh_descriptor,
        "src/generated/descriptor.bin is stale: run BUTTERFLY_BLESS=1 cargo test -p butterfly-proto --test codegen_drift"
    );
}

#[test]
fn pprof_code_matches_proto() {
    let dir = crate_dir();
    let fds = protox::compile(["perftools/profiles/profile.proto"], [dir.join("proto")])
        .expect("profile.proto compiles");
    let out = tempfile::tempdir().expect("tempdir");
    tonic_prost_build::configure()
        .build_client(false)
        .build_server(false)
        .out_dir(out.path())
        .compile_fds(fds)
        .expect("codegen runs");
    let fresh = std::fs::read_to_string(out.path().join("perftools.profiles.rs"))
        .expect("generated file exists");
    let committed_path = dir.join("src/generated/perftools.profiles.rs");
    if std::env::var_os("BUTTERFLY_BLESS").is_some() {
        write(&committed_path, fresh.as_bytes());
        return;
    }
    let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
    assert!(
        committed == fresh,
        "src/generated/perftools.profiles.rs is stale: run BUTTERFLY_BLESS=1 cargo test -p butterfly-proto --test codegen_drift"
    );
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}
