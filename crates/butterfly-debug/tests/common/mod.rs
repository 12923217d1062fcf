//! Test certificates made with rcgen: CN = name, OU = role; node certificates carry SANs
//! `127.0.0.1` and `localhost`. Shared by the butterfly-debug and butterfly-node tests.
#![allow(dead_code)]

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};
use std::path::{Path, PathBuf};

/// A CA that can issue leaf certificates.
pub struct TestCa {
    params: CertificateParams,
    key: KeyPair,
    pub pem: String,
}

/// PEM files of one issued certificate.
#[derive(Clone, Debug)]
pub struct Issued {
    pub cert: PathBuf,
    pub key: PathBuf,
    pub cert_pem: String,
    pub key_pem: String,
}

impl TestCa {
    pub fn new(name: &str) -> Self {
        let key = KeyPair::generate().expect("CA key");
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        params.distinguished_name.push(DnType::CommonName, name);
        let cert = params.self_signed(&key).expect("CA cert");
        Self {
            pem: cert.pem(),
            params,
            key,
        }
    }

    pub fn write(&self, dir: &Path, file: &str) -> PathBuf {
        let path = dir.join(file);
        std::fs::write(&path, &self.pem).expect("write CA");
        path
    }

    /// Issues a certificate for `name` with OU `role`, valid now (or expired when `expired`).
    pub fn issue(&self, dir: &Path, name: &str, role: &str, expired: bool) -> Issued {
        let key = KeyPair::generate().expect("leaf key");
        // Like `certs issue`, a node certificate also names its holder as a SAN.
        let mut sans = vec!["127.0.0.1".to_string(), "localhost".to_string()];
        if !name.contains('*') && !name.is_empty() {
            sans.push(name.to_string());
        }
        let mut params = CertificateParams::new(sans).expect("leaf params");
        params.distinguished_name.push(DnType::CommonName, name);
        params
            .distinguished_name
            .push(DnType::OrganizationalUnitName, role);
        let now = time::OffsetDateTime::now_utc();
        if expired {
            params.not_before = now - time::Duration::days(30);
            params.not_after = now - time::Duration::days(1);
        } else {
            params.not_before = now - time::Duration::days(1);
            params.not_after = now + time::Duration::days(30);
        }
        let issuer = Issuer::from_params(&self.params, &self.key);
        let cert = params.signed_by(&key, &issuer).expect("sign leaf");
        let issued = Issued {
            cert: dir.join(format!("{name}.crt")),
            key: dir.join(format!("{name}.key")),
            cert_pem: cert.pem(),
            key_pem: key.serialize_pem(),
        };
        std::fs::write(&issued.cert, &issued.cert_pem).expect("write cert");
        std::fs::write(&issued.key, &issued.key_pem).expect("write key");
        issued
    }
}
