//! `certs init|issue`: a development CA and node/operator certificates (rcgen, ECDSA P-256).
//!
//! A certificate's subject CN names its holder and its OU carries the role (`viewer`, `admin`,
//! `node`, `coordinator`): see `butterfly_proto::auth`. Production clusters use their own PKI with the same
//! convention.

use crate::error::{Error, Result};
use crate::output::{Report, Style};
use crate::session::Ctx;
use butterfly_proto::auth::Role;
use clap::{Args, Subcommand, ValueEnum};
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose, SanType,
};
use serde::Serialize;
use std::path::{Path, PathBuf};
use time::{Duration as TimeDuration, OffsetDateTime};

/// Default validity of the CA: 3650 days.
pub const DEFAULT_CA_DAYS: u32 = 3650;
/// Default validity of an issued certificate: 90 days.
pub const DEFAULT_CERT_DAYS: u32 = 90;
/// CA certificate file name.
pub const CA_CERT: &str = "ca.pem";
/// CA key file name.
pub const CA_KEY: &str = "ca-key.pem";

/// `certs ...`
#[derive(Debug, Subcommand)]
pub enum CertsCommand {
    /// Create a development CA (ca.pem, ca-key.pem).
    Init(InitArgs),
    /// Issue a certificate signed by the CA.
    Issue(IssueArgs),
}

/// `certs init`
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Directory for the files [default: $XDG_CONFIG_HOME/butterfly-cli/certs].
    #[arg(long)]
    pub dir: Option<PathBuf>,
    /// Validity in days.
    #[arg(long, default_value_t = DEFAULT_CA_DAYS, value_parser = clap::value_parser!(u32).range(1..))]
    pub days: u32,
    /// Overwrite an existing CA.
    #[arg(long)]
    pub force: bool,
}

/// Role to put in an issued certificate.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum CertRole {
    /// Read-only operator.
    Viewer,
    /// Operator allowed intrusive commands.
    Admin,
    /// A cluster node (server and client certificate).
    Node,
    /// A coordinator node: a node certificate that may also speak Raft and relay members.
    Coordinator,
}

impl CertRole {
    fn role(self) -> Role {
        match self {
            CertRole::Viewer => Role::Viewer,
            CertRole::Admin => Role::Admin,
            CertRole::Node => Role::Node,
            CertRole::Coordinator => Role::Coordinator,
        }
    }
}

/// `certs issue`
#[derive(Debug, Args)]
pub struct IssueArgs {
    /// Holder name (operator or node id), the certificate's CN; also the file name.
    #[arg(long)]
    pub name: String,
    /// Role carried in the certificate.
    #[arg(long, value_enum)]
    pub role: CertRole,
    /// Directory holding the CA and receiving the files [default: as `certs init`].
    #[arg(long)]
    pub dir: Option<PathBuf>,
    /// Validity in days.
    #[arg(long, default_value_t = DEFAULT_CERT_DAYS, value_parser = clap::value_parser!(u32).range(1..))]
    pub days: u32,
    /// Extra subject alternative names (DNS names or IPs); nodes always get 127.0.0.1, ::1,
    /// localhost and their name.
    #[arg(long, value_delimiter = ',')]
    pub san: Vec<String>,
    /// Overwrite existing files.
    #[arg(long)]
    pub force: bool,
}

/// Runs a `certs` command.
pub async fn exec(cmd: CertsCommand, _ctx: &Ctx<'_>) -> Result<Box<dyn Report>> {
    match cmd {
        CertsCommand::Init(a) => {
            let dir = a.dir.map_or_else(default_dir, Ok)?;
            Ok(Box::new(init_ca(&dir, a.days, a.force)?))
        }
        CertsCommand::Issue(a) => {
            let dir = a.dir.clone().map_or_else(default_dir, Ok)?;
            Ok(Box::new(issue(
                &dir,
                &a.name,
                a.role.role(),
                a.days,
                &a.san,
                a.force,
            )?))
        }
    }
}

/// `$XDG_CONFIG_HOME/butterfly-cli/certs`.
pub fn default_dir() -> Result<PathBuf> {
    dirs::config_dir()
        .map(|d| d.join("butterfly-cli").join("certs"))
        .ok_or_else(|| Error::Config("cannot find a config directory: pass --dir".into()))
}

/// Files written by `certs init|issue`.
#[derive(Debug, Serialize, serde::Deserialize, Clone, schemars::JsonSchema)]
pub struct Written {
    /// Certificate (PEM).
    pub cert: PathBuf,
    /// Private key (PEM, mode 0600).
    pub key: PathBuf,
    /// Holder name (CN).
    pub name: String,
    /// Role (OU), null for the CA.
    #[schemars(with = "Option<String>")]
    pub role: Option<Role>,
    /// Expiry, RFC 3339.
    pub not_after: String,
}

impl Report for Written {
    fn render(&self, style: &Style) -> String {
        format!(
            "wrote {} and {} ({}{}, valid until {})",
            self.cert.display(),
            self.key.display(),
            style.bold(&self.name),
            self.role.map(|r| format!(", role {r}")).unwrap_or_default(),
            self.not_after
        )
    }
}

fn tls_err(e: rcgen::Error) -> Error {
    Error::Tls(e.to_string())
}

fn validity(params: &mut CertificateParams, days: u32) -> String {
    let now = OffsetDateTime::now_utc();
    params.not_before = now - TimeDuration::minutes(5);
    params.not_after = now + TimeDuration::days(i64::from(days));
    params
        .not_after
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// Creates `ca.pem` and `ca-key.pem` in `dir`.
pub fn init_ca(dir: &Path, days: u32, force: bool) -> Result<Written> {
    let cert_path = dir.join(CA_CERT);
    let key_path = dir.join(CA_KEY);
    refuse_overwrite(&[&cert_path, &key_path], force)?;
    let mut params = CertificateParams::new(Vec::<String>::new()).map_err(tls_err)?;
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, "Butterfly development CA");
    dn.push(DnType::OrganizationName, "Butterfly");
    params.distinguished_name = dn;
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let not_after = validity(&mut params, days);
    let key = KeyPair::generate().map_err(tls_err)?;
    let cert = params.self_signed(&key).map_err(tls_err)?;
    save(
        dir,
        Written {
            cert: cert_path,
            key: key_path,
            name: "Butterfly development CA".into(),
            role: None,
            not_after,
        },
        &cert,
        &key,
    )
}

/// Issues `<name>.pem` / `<name>-key.pem` in `dir`, signed by the CA there.
pub fn issue(
    dir: &Path,
    name: &str,
    role: Role,
    days: u32,
    extra_sans: &[String],
    force: bool,
) -> Result<Written> {
    if name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.') {
        return Err(Error::Usage(format!(
            "'{name}' is not a usable certificate name"
        )));
    }
    let ca_pem = read_text(&dir.join(CA_CERT))?;
    let ca_key_path = dir.join(CA_KEY);
    let ca_key = KeyPair::from_pem(&read_text(&ca_key_path)?)
        .map_err(|e| Error::Tls(format!("{}: {e}", ca_key_path.display())))?;
    let issuer = Issuer::from_ca_cert_pem(&ca_pem, ca_key)
        .map_err(|e| Error::Tls(format!("{}: {e}", dir.join(CA_CERT).display())))?;

    let cert_path = dir.join(format!("{name}.pem"));
    let key_path = dir.join(format!("{name}-key.pem"));
    refuse_overwrite(&[&cert_path, &key_path], force)?;

    let mut sans: Vec<String> = extra_sans.to_vec();
    if role.is_node() {
        // A wildcard swarm name (`swarm-*`) is a CN, not a host name.
        let own = (!name.contains('*')).then_some(name);
        for s in ["127.0.0.1", "::1", "localhost"].into_iter().chain(own) {
            if !sans.iter().any(|x| x == s) {
                sans.push(s.to_string());
            }
        }
    }
    let mut params = CertificateParams::new(Vec::<String>::new()).map_err(tls_err)?;
    params.subject_alt_names = sans
        .iter()
        .map(|s| match s.parse::<std::net::IpAddr>() {
            Ok(ip) => Ok(SanType::IpAddress(ip)),
            Err(_) => s
                .clone()
                .try_into()
                .map(SanType::DnsName)
                .map_err(|_| Error::Usage(format!("'{s}' is not a DNS name or IP address"))),
        })
        .collect::<Result<_>>()?;
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, name);
    dn.push(DnType::OrganizationalUnitName, role.as_str());
    dn.push(DnType::OrganizationName, "Butterfly");
    params.distinguished_name = dn;
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.extended_key_usages = match role {
        Role::Node | Role::Coordinator => vec![
            ExtendedKeyUsagePurpose::ServerAuth,
            ExtendedKeyUsagePurpose::ClientAuth,
        ],
        _ => vec![ExtendedKeyUsagePurpose::ClientAuth],
    };
    params.use_authority_key_identifier_extension = true;
    let not_after = validity(&mut params, days);
    let key = KeyPair::generate().map_err(tls_err)?;
    let cert = params.signed_by(&key, &issuer).map_err(tls_err)?;
    save(
        dir,
        Written {
            cert: cert_path,
            key: key_path,
            name: name.to_string(),
            role: Some(role),
            not_after,
        },
        &cert,
        &key,
    )
}

fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound(format!(
            "{}: no such file (run `butterfly-cli certs init --dir {}` first)",
            path.display(),
            path.parent()
                .map(|p| p.display().to_string())
                .unwrap_or_default()
        )),
        _ => Error::io(path, e),
    })
}

fn refuse_overwrite(paths: &[&Path], force: bool) -> Result<()> {
    if force {
        return Ok(());
    }
    match paths.iter().find(|p| p.exists()) {
        Some(p) => Err(Error::Usage(format!(
            "{} exists; pass --force to replace it",
            p.display()
        ))),
        None => Ok(()),
    }
}

/// Writes the key (mode 0600, never readable by others even for a moment) and the certificate.
fn save(dir: &Path, written: Written, cert: &rcgen::Certificate, key: &KeyPair) -> Result<Written> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let (cert_path, key_path) = (&written.cert, &written.key);
    let key = key.serialize_pem();
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let _ = std::fs::remove_file(key_path);
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(key_path)
        .map_err(|e| Error::io(key_path, e))?;
    f.write_all(key.as_bytes())
        .map_err(|e| Error::io(key_path, e))?;
    std::fs::write(cert_path, cert.pem()).map_err(|e| Error::io(cert_path, e))?;
    Ok(written)
}
