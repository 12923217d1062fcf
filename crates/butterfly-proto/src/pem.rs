//! PEM → DER for every TLS user in the workspace (the console, the back-end clients, the debug
//! service and the data plane), on `rustls-pki-types`: one parser and one wording of its errors.

use rustls_pki_types::pem::PemObject;
pub use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use std::path::Path;

/// Every certificate in `pem`, in order; a file without one is an error.
pub fn certs(pem: &[u8]) -> Result<Vec<CertificateDer<'static>>, String> {
    let certs = CertificateDer::pem_slice_iter(pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("not a PEM certificate ({e})"))?;
    if certs.is_empty() {
        return Err("no certificate in the file".into());
    }
    Ok(certs)
}

/// The private key in `pem` (PKCS#8, PKCS#1 or SEC1).
pub fn private_key(pem: &[u8]) -> Result<PrivateKeyDer<'static>, String> {
    PrivateKeyDer::from_pem_slice(pem).map_err(|e| format!("not a PEM private key ({e})"))
}

/// [`certs`] of the file at `path`; the error names the file.
pub fn read_certs(path: &Path) -> Result<Vec<CertificateDer<'static>>, String> {
    certs(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))
}

/// [`private_key`] of the file at `path`; the error names the file.
pub fn read_private_key(path: &Path) -> Result<PrivateKeyDer<'static>, String> {
    private_key(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_and_empty_files_are_named_errors() {
        assert_eq!(
            certs(b"").unwrap_err(),
            "no certificate in the file",
            "an empty file"
        );
        assert!(private_key(b"-----BEGIN NOTHING-----\n").is_err());
        let missing = Path::new("/nonexistent/ca.pem");
        assert!(read_certs(missing)
            .unwrap_err()
            .starts_with("/nonexistent/ca.pem: "));
    }
}
