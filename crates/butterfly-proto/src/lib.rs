//! The `butterfly.debug.v1` protocol shared by the console and every node.
//!
//! * [`debug`]: prost messages and the tonic client/server for `DebugService`, generated from
//!   `proto/butterfly/debug/v1/debug.proto` and committed (no `protoc` needed to build; the
//!   `codegen_drift` test fails when they drift).
//! * [`FILE_DESCRIPTOR_SET`]: the encoded descriptor set, for gRPC server reflection.
//! * [`auth`]: the role contract: how a certificate names its operator and role.
//! * [`pprof`]: the pprof `profile.proto` format of CPU and heap profiles, and folding it.

#![forbid(unsafe_code)]

/// Generated protobuf messages and gRPC stubs for `butterfly.debug.v1`.
#[allow(clippy::all, missing_docs)]
pub mod debug {
    include!("generated/butterfly.debug.v1.rs");
}

pub mod auth;
pub mod pem;
pub mod pprof;

/// Encoded `FileDescriptorSet` of `debug.proto`, for `tonic-reflection`.
pub const FILE_DESCRIPTOR_SET: &[u8] = include_bytes!("generated/descriptor.bin");

/// Fully-qualified gRPC service name.
pub const SERVICE_NAME: &str = "butterfly.debug.v1.DebugService";
/// The request header a console sets to the console audit record a call acts for
/// (`CHAIN/SEQ/HASH`); the node keeps it in its audit trail as `console_record`.
pub const CONSOLE_RECORD_HEADER: &str = "x-butterfly-console-record";

impl debug::NodeRole {
    /// Short lowercase name: `coordinator`, `compute`, `observer` or `unspecified`.
    pub fn short_name(self) -> &'static str {
        match self {
            Self::Coordinator => "coordinator",
            Self::Compute => "compute",
            Self::Observer => "observer",
            Self::Unspecified => "unspecified",
        }
    }

    /// Parses `coordinator`, `compute` or `observer`.
    pub fn parse_short(s: &str) -> Option<Self> {
        match s {
            "coordinator" => Some(Self::Coordinator),
            "compute" => Some(Self::Compute),
            "observer" => Some(Self::Observer),
            _ => None,
        }
    }
}

impl debug::HealthState {
    /// Short lowercase name: `healthy`, `degraded`, `unhealthy` or `unknown`.
    pub fn short_name(self) -> &'static str {
        match self {
            Self::Healthy => "healthy",
            Self::Degraded => "degraded",
            Self::Unhealthy => "unhealthy",
            Self::Unspecified => "unknown",
        }
    }
}
