//! Shared by the node's process tests: the certificate helpers of butterfly-debug's tests, a
//! child process killed when the test ends, and one CA with a node and a viewer certificate.

#![allow(dead_code)]

#[path = "../../../butterfly-debug/tests/common/mod.rs"]
pub mod common;

pub use common::{Issued, TestCa};
use std::path::PathBuf;
use std::process::Child;

/// Kills the child process when the test ends, whatever happens.
pub struct KillOnDrop(pub Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A test CA with one node certificate and one viewer certificate in a temporary directory.
pub struct Certs {
    pub dir: tempfile::TempDir,
    pub ca: PathBuf,
    pub ca_pem: String,
    pub node: Issued,
    pub viewer: Issued,
    pub test_ca: TestCa,
}

impl Certs {
    /// A certificate named after the node it is for (CN = `id`): role `coordinator` for
    /// coordinators, `node` otherwise (a swarm passes a wildcard CN such as `v-*`).
    pub fn for_node(&self, id: &str, role: &str) -> Issued {
        let ou = if role == "coordinator" {
            "coordinator"
        } else {
            "node"
        };
        self.test_ca.issue(self.dir.path(), id, ou, false)
    }
}

/// Makes [`Certs`].
pub fn certs() -> Certs {
    let dir = tempfile::tempdir().expect("tempdir");
    let ca = TestCa::new("butterfly test CA");
    let ca_path = ca.write(dir.path(), "ca.crt");
    let node = ca.issue(dir.path(), "node", "node", false);
    let viewer = ca.issue(dir.path(), "victor", "viewer", false);
    Certs {
        ca: ca_path,
        ca_pem: ca.pem.clone(),
        node,
        viewer,
        dir,
        test_ca: ca,
    }
}
