//! The role contract between the console and the nodes.
//!
//! A client certificate names its holder in the subject common name (CN) and carries its role in
//! the subject organizational unit (OU): `viewer`, `admin`, `node` or `coordinator`. Nodes read
//! both from the verified peer certificate and enforce the role per RPC; the CN is the caller's
//! identity and must equal any node id a request claims (see the debug service).

use serde::{Deserialize, Serialize};
use std::fmt;

/// What a certificate holder may do. Every role includes everything `Viewer` may; `Coordinator`
/// includes everything `Node` may.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Read-only commands.
    Viewer,
    /// Intrusive commands: profile, packet capture, replay, fault injection.
    Admin,
    /// Cluster-internal calls between nodes (join, membership sync).
    Node,
    /// A coordinator node: everything `Node` may, plus consensus (`Raft`) traffic and relaying
    /// other members' announcements. A compute node's certificate never carries it.
    Coordinator,
}

impl Role {
    /// The OU string that carries this role.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Admin => "admin",
            Role::Node => "node",
            Role::Coordinator => "coordinator",
        }
    }

    /// Parses `viewer`, `admin` or `node`.
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "viewer" => Some(Role::Viewer),
            "admin" => Some(Role::Admin),
            "node" => Some(Role::Node),
            "coordinator" => Some(Role::Coordinator),
            _ => None,
        }
    }

    /// Whether a holder of `self` may call an RPC that needs `needed`.
    pub fn satisfies(self, needed: Role) -> bool {
        self == needed
            || needed == Role::Viewer
            || (self == Role::Coordinator && needed == Role::Node)
    }

    /// Whether the holder is a cluster node (`node` or `coordinator`).
    pub fn is_node(self) -> bool {
        matches!(self, Role::Node | Role::Coordinator)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who a certificate says its holder is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// Subject CN: the operator's or node's name.
    pub name: String,
    /// Subject OU parsed as a role; `None` when absent or not a known role.
    pub role: Option<Role>,
    /// Certificate serial number, hex.
    pub serial: String,
    /// End of validity, Unix seconds.
    pub not_after_unix: i64,
}

/// Whether a certificate named `cn` speaks for node `id`: `cn == id`, or, for a swarm's one
/// certificate over its virtual nodes, a CN ending in `*` (e.g. `swarm-*`) covers the ids with
/// that prefix (e.g. `swarm-7`).
pub fn cn_covers(cn: &str, id: &str) -> bool {
    match cn.strip_suffix('*') {
        Some(prefix) => !prefix.is_empty() && id.len() > prefix.len() && id.starts_with(prefix),
        None => !id.is_empty() && id == cn,
    }
}

/// Why a certificate could not be read as an [`Identity`].
#[derive(Debug)]
pub struct IdentityError(pub String);

impl fmt::Display for IdentityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unreadable certificate: {}", self.0)
    }
}

impl std::error::Error for IdentityError {}

/// Reads the holder's name and role from a DER-encoded X.509 certificate.
pub fn identity_from_der(der: &[u8]) -> Result<Identity, IdentityError> {
    let (_, cert) =
        x509_parser::parse_x509_certificate(der).map_err(|e| IdentityError(e.to_string()))?;
    let subject = cert.subject();
    let name = subject
        .iter_common_name()
        .next()
        .and_then(|cn| cn.as_str().ok())
        .unwrap_or("")
        .to_string();
    let role = subject
        .iter_organizational_unit()
        .filter_map(|ou| ou.as_str().ok())
        .find_map(Role::parse);
    Ok(Identity {
        name,
        role,
        serial: cert.tbs_certificate.raw_serial_as_string().replace(':', ""),
        not_after_unix: cert.validity().not_after.timestamp(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_include_viewer() {
        assert!(Role::Admin.satisfies(Role::Viewer));
        assert!(Role::Node.satisfies(Role::Viewer));
        assert!(!Role::Viewer.satisfies(Role::Admin));
        assert!(!Role::Node.satisfies(Role::Admin));
        assert!(!Role::Admin.satisfies(Role::Node));
        assert!(Role::Coordinator.satisfies(Role::Node));
        assert!(!Role::Node.satisfies(Role::Coordinator));
        assert!(!Role::Admin.satisfies(Role::Coordinator));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(identity_from_der(b"not a certificate").is_err());
        assert!(identity_from_der(&[]).is_err());
    }
}
