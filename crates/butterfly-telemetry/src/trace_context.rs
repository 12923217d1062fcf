//! W3C Trace Context (`traceparent` / `tracestate`) parsing, formatting and propagation over any
//! string-map carrier (gRPC metadata, QUIC stream headers, HTTP headers).
//!
//! Rules follow the W3C Recommendation plus Level 2 key grammar (the upstream test suite at HEAD):
//! version `00` must be exactly 55 characters; a higher version may carry `-suffix` data; version
//! `ff`, uppercase hex and all-zero ids are invalid; several `traceparent` headers restart the
//! trace; several `tracestate` headers are joined in order; an invalid `tracestate` (bad member,
//! more than [`MAX_TRACESTATE_MEMBERS`] members) is discarded as a whole, and so is any
//! `tracestate` that arrives without a valid `traceparent`.
//!
//! Binary carriers (the data plane's QUIC frames) use the `traceparent` binary format of the W3C
//! trace-context-binary draft: 29 bytes, no hex to write or parse
//! ([`TraceContext::traceparent_binary`], [`TraceContext::parse_traceparent_binary`]).

use std::fmt;
use std::hash::BuildHasher;

/// Header (carrier key) for the trace parent, lowercase.
pub const TRACEPARENT_HEADER: &str = "traceparent";
/// Header (carrier key) for the vendor trace state, lowercase.
pub const TRACESTATE_HEADER: &str = "tracestate";
/// The only version this crate emits.
pub const TRACEPARENT_VERSION: u8 = 0;
/// Maximum list members in `tracestate` (W3C: 32).
pub const MAX_TRACESTATE_MEMBERS: usize = 32;
/// Maximum key length in `tracestate`, characters (W3C: 256).
pub const MAX_TRACESTATE_KEY_LEN: usize = 256;
/// Maximum value length in `tracestate`, characters (W3C: 256).
pub const MAX_TRACESTATE_VALUE_LEN: usize = 256;
/// Trace flag: sampled (bit 0).
pub const FLAG_SAMPLED: u8 = 0x01;
/// Trace flag: random trace id (Level 2, bit 1). Set on every trace id this crate generates.
pub const FLAG_RANDOM: u8 = 0x02;

/// Length of a version-00 `traceparent` (`vv-<32 hex>-<16 hex>-ff`), bytes.
pub const TRACEPARENT_LEN: usize = 55;

/// Why a `traceparent` or `tracestate` value was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TraceContextError {
    /// Wrong length or separators for the version.
    Malformed,
    /// A field is not lowercase hex of the right length.
    BadHex(&'static str),
    /// Version `ff` is forbidden.
    InvalidVersion,
    /// Trace id of all zeroes.
    ZeroTraceId,
    /// Parent (span) id of all zeroes.
    ZeroSpanId,
    /// A `tracestate` member violates the grammar or limits.
    BadTraceState(String),
}

impl fmt::Display for TraceContextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Malformed => f.write_str("malformed traceparent"),
            Self::BadHex(field) => write!(f, "traceparent {field} is not lowercase hex"),
            Self::InvalidVersion => f.write_str("traceparent version ff is invalid"),
            Self::ZeroTraceId => f.write_str("traceparent trace-id is all zeroes"),
            Self::ZeroSpanId => f.write_str("traceparent parent-id is all zeroes"),
            Self::BadTraceState(why) => write!(f, "invalid tracestate: {why}"),
        }
    }
}

impl std::error::Error for TraceContextError {}

/// Ordered `tracestate` list (leftmost = most recent vendor). Keys are unique.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct TraceState(Vec<(String, String)>);

impl Clone for TraceState {
    /// Every span clones its parent's state, which is almost always empty: that costs nothing
    /// (a derived clone of an empty `Vec` still runs its copy path: about 10 instructions).
    #[inline]
    fn clone(&self) -> Self {
        if self.0.is_empty() {
            Self(Vec::new())
        } else {
            Self(self.0.clone())
        }
    }
}

impl TraceState {
    /// Empty state.
    pub fn new() -> Self {
        Self::default()
    }

    /// Parses one (already concatenated) header value. Empty list members and OWS are allowed;
    /// a duplicated key keeps its first occurrence.
    pub fn parse(value: &str) -> Result<Self, TraceContextError> {
        let mut members: Vec<(String, String)> = Vec::new();
        for raw in value.split(',') {
            let member = raw.trim_matches(|c| c == ' ' || c == '\t');
            if member.is_empty() {
                continue;
            }
            let (key, val) = member.split_once('=').ok_or_else(|| {
                TraceContextError::BadTraceState(format!("member without '=': {member:?}"))
            })?;
            if !valid_key(key) {
                return Err(TraceContextError::BadTraceState(format!("bad key {key:?}")));
            }
            if !valid_value(val) {
                return Err(TraceContextError::BadTraceState(format!(
                    "bad value for key {key:?}"
                )));
            }
            if members.len() >= MAX_TRACESTATE_MEMBERS {
                return Err(TraceContextError::BadTraceState(format!(
                    "more than {MAX_TRACESTATE_MEMBERS} members"
                )));
            }
            if !members.iter().any(|(k, _)| k == key) {
                members.push((key.to_owned(), val.to_owned()));
            }
        }
        Ok(Self(members))
    }

    /// Value of `key`, if present.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Inserts or updates `key` and moves it to the front, as the W3C requires of a vendor that
    /// mutates its entry. Invalid keys/values are rejected; the rightmost member is dropped when
    /// the list would exceed [`MAX_TRACESTATE_MEMBERS`].
    pub fn insert(&mut self, key: &str, value: &str) -> Result<(), TraceContextError> {
        if !valid_key(key) || !valid_value(value) {
            return Err(TraceContextError::BadTraceState(format!(
                "bad member {key:?}"
            )));
        }
        self.0.retain(|(k, _)| k != key);
        self.0.insert(0, (key.to_owned(), value.to_owned()));
        self.0.truncate(MAX_TRACESTATE_MEMBERS);
        Ok(())
    }

    /// Members in order.
    pub fn members(&self) -> &[(String, String)] {
        &self.0
    }

    /// Number of members.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there are no members.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for TraceState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (k, v)) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            write!(f, "{k}={v}")?;
        }
        Ok(())
    }
}

/// Level 2 key grammar: `lcalpha 0*255( lcalpha / DIGIT / "_" / "-" / "*" / "/" / "@" )`.
fn valid_key(key: &str) -> bool {
    let bytes = key.as_bytes();
    match bytes.first() {
        Some(b) if b.is_ascii_lowercase() => {}
        _ => return false,
    }
    bytes.len() <= MAX_TRACESTATE_KEY_LEN
        && bytes.iter().all(|&b| {
            b.is_ascii_lowercase()
                || b.is_ascii_digit()
                || matches!(b, b'_' | b'-' | b'*' | b'/' | b'@')
        })
}

/// `0*255(chr) nblk-chr`; `chr = %x20 / nblk-chr`; `nblk-chr = %x21-2B / %x2D-3C / %x3E-7E`.
fn valid_value(value: &str) -> bool {
    let bytes = value.as_bytes();
    match bytes.last() {
        Some(&b) if b != b' ' => {}
        _ => return false,
    }
    bytes.len() <= MAX_TRACESTATE_VALUE_LEN
        && bytes
            .iter()
            .all(|&b| (0x20..=0x7e).contains(&b) && b != b',' && b != b'=')
}

/// One hop's trace context: W3C ids, flags and vendor state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceContext {
    /// 16-byte trace id, never all zero.
    pub trace_id: [u8; 16],
    /// 8-byte span (parent) id, never all zero.
    pub span_id: [u8; 8],
    /// Trace flags ([`FLAG_SAMPLED`], [`FLAG_RANDOM`]).
    pub flags: u8,
    /// Vendor state, propagated unchanged unless edited.
    pub tracestate: TraceState,
}

impl TraceContext {
    /// A fresh root context: random trace and span ids, flags `sampled | random`.
    pub fn new_root() -> Self {
        Self {
            trace_id: random_trace_id(),
            span_id: random_span_id(),
            flags: FLAG_SAMPLED | FLAG_RANDOM,
            tracestate: TraceState::new(),
        }
    }

    /// The context for a child operation (e.g. the outgoing call of a hop): same trace id,
    /// flags and state, new span id.
    pub fn child(&self) -> Self {
        Self {
            trace_id: self.trace_id,
            span_id: random_span_id(),
            flags: self.flags,
            tracestate: self.tracestate.clone(),
        }
    }

    /// True when the sampled flag is set.
    pub fn is_sampled(&self) -> bool {
        self.flags & FLAG_SAMPLED != 0
    }

    /// Trace id as 32 lowercase hex characters.
    pub fn trace_id_hex(&self) -> String {
        crate::values::encode_hex(&self.trace_id)
    }

    /// Span id as 16 lowercase hex characters.
    pub fn span_id_hex(&self) -> String {
        crate::values::encode_hex(&self.span_id)
    }

    /// Parses a `traceparent` value (leading/trailing spaces and tabs allowed). The returned
    /// context has an empty `tracestate`.
    pub fn parse_traceparent(value: &str) -> Result<Self, TraceContextError> {
        Self::parse_traceparent_bytes(value.as_bytes())
    }

    /// The binary `traceparent` of this context (W3C trace-context-binary: version 0, then
    /// field 0 trace-id, field 1 parent-id, field 2 trace-flags).
    pub fn traceparent_binary(&self) -> [u8; TRACEPARENT_BINARY_LEN] {
        traceparent_binary(&self.trace_id, &self.span_id, self.flags)
    }

    /// Parses a binary `traceparent` (trailing padding allowed, as the draft permits). The
    /// returned context has an empty `tracestate`.
    pub fn parse_traceparent_binary(value: &[u8]) -> Result<Self, TraceContextError> {
        let v = value
            .get(..TRACEPARENT_BINARY_LEN)
            .ok_or(TraceContextError::Malformed)?;
        if v[0] != 0 {
            return Err(TraceContextError::InvalidVersion);
        }
        if v[1] != 0 || v[18] != 1 || v[27] != 2 {
            return Err(TraceContextError::Malformed);
        }
        let mut trace_id = [0u8; 16];
        trace_id.copy_from_slice(&v[2..18]);
        let mut span_id = [0u8; 8];
        span_id.copy_from_slice(&v[19..27]);
        Self::from_ids(trace_id, span_id, v[28])
    }

    /// A context of these ids (all-zero ids are invalid), with an empty `tracestate`.
    fn from_ids(
        trace_id: [u8; 16],
        span_id: [u8; 8],
        flags: u8,
    ) -> Result<Self, TraceContextError> {
        if trace_id == [0; 16] {
            return Err(TraceContextError::ZeroTraceId);
        }
        if span_id == [0; 8] {
            return Err(TraceContextError::ZeroSpanId);
        }
        Ok(Self {
            trace_id,
            span_id,
            flags,
            tracestate: TraceState::new(),
        })
    }

    fn parse_traceparent_bytes(value: &[u8]) -> Result<Self, TraceContextError> {
        // Optional whitespace (spaces and tabs) around the value is allowed.
        let start = value
            .iter()
            .position(|&b| b != b' ' && b != b'\t')
            .unwrap_or(value.len());
        let end = value
            .iter()
            .rposition(|&b| b != b' ' && b != b'\t')
            .map_or(start, |i| i + 1);
        let v = &value[start..end];
        if v.len() < TRACEPARENT_LEN {
            return Err(TraceContextError::Malformed);
        }
        let version =
            parse_hex_lower::<1>(&v[0..2]).ok_or(TraceContextError::BadHex("version"))?[0];
        if version == 0xff {
            return Err(TraceContextError::InvalidVersion);
        }
        if v[2] != b'-' || v[35] != b'-' || v[52] != b'-' {
            return Err(TraceContextError::Malformed);
        }
        if version == 0 && v.len() != TRACEPARENT_LEN {
            return Err(TraceContextError::Malformed);
        }
        // Future versions: more fields may follow, but only after a '-'.
        if v.len() > TRACEPARENT_LEN && v[TRACEPARENT_LEN] != b'-' {
            return Err(TraceContextError::Malformed);
        }
        let trace_id =
            parse_hex_lower::<16>(&v[3..35]).ok_or(TraceContextError::BadHex("trace-id"))?;
        let span_id =
            parse_hex_lower::<8>(&v[36..52]).ok_or(TraceContextError::BadHex("parent-id"))?;
        let flags =
            parse_hex_lower::<1>(&v[53..55]).ok_or(TraceContextError::BadHex("trace-flags"))?[0];
        Self::from_ids(trace_id, span_id, flags)
    }

    /// Formats the version-00 `traceparent` value.
    pub fn traceparent(&self) -> String {
        format_traceparent(&self.trace_id, &self.span_id, self.flags)
    }

    /// Extracts the context from a carrier. `None` when `traceparent` is missing, invalid or
    /// repeated (the caller then starts a new trace). An invalid `tracestate` is dropped while the
    /// `traceparent` is kept.
    pub fn extract<C: Extractor + ?Sized>(carrier: &C) -> Option<Self> {
        let parents = carrier.get_all(TRACEPARENT_HEADER);
        if parents.len() != 1 {
            return None;
        }
        let mut ctx = Self::parse_traceparent(parents.first()?).ok()?;
        let states = carrier.get_all(TRACESTATE_HEADER);
        if !states.is_empty() {
            let joined = states.join(",");
            ctx.tracestate = TraceState::parse(&joined).unwrap_or_default();
        }
        Some(ctx)
    }

    /// Writes `traceparent` (and `tracestate` when not empty) into a carrier.
    pub fn inject<C: Injector + ?Sized>(&self, carrier: &mut C) {
        carrier.set(TRACEPARENT_HEADER, self.traceparent());
        if !self.tracestate.is_empty() {
            carrier.set(TRACESTATE_HEADER, self.tracestate.to_string());
        }
    }
}

/// An id written as `2 * N` hex digits, either case; `None` for anything else. For ids in
/// queries and log fields, which need not be W3C-strict.
pub(crate) fn parse_hex_id<const N: usize>(s: &str) -> Option<[u8; N]> {
    let mut id = [0u8; N];
    hex::decode_to_slice(s, &mut id).ok().map(|()| id)
}

/// `2 * N` lowercase hex digits as `N` bytes; `None` for any other input (W3C ids are
/// lowercase only).
pub(crate) fn parse_hex_lower<const N: usize>(s: &[u8]) -> Option<[u8; N]> {
    if !s.iter().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return None;
    }
    let mut out = [0u8; N];
    hex::decode_to_slice(s, &mut out).ok().map(|()| out)
}

/// Read side of a carrier: every value stored under `name`, matched case-insensitively, in order.
pub trait Extractor {
    /// All values for `name` (given in lowercase).
    fn get_all(&self, name: &str) -> Vec<&str>;
}

/// Write side of a carrier.
pub trait Injector {
    /// Replaces every value of `name` (lowercase) with `value`.
    fn set(&mut self, name: &str, value: String);
}

impl Extractor for [(String, String)] {
    fn get_all(&self, name: &str) -> Vec<&str> {
        self.iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

impl Extractor for Vec<(String, String)> {
    fn get_all(&self, name: &str) -> Vec<&str> {
        self.as_slice().get_all(name)
    }
}

impl Injector for Vec<(String, String)> {
    fn set(&mut self, name: &str, value: String) {
        self.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
        self.push((name.to_owned(), value));
    }
}

impl<S: BuildHasher> Extractor for std::collections::HashMap<String, String, S> {
    fn get_all(&self, name: &str) -> Vec<&str> {
        self.iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

impl<S: BuildHasher> Injector for std::collections::HashMap<String, String, S> {
    fn set(&mut self, name: &str, value: String) {
        self.retain(|k, _| !k.eq_ignore_ascii_case(name));
        self.insert(name.to_owned(), value);
    }
}

impl Extractor for std::collections::BTreeMap<String, String> {
    fn get_all(&self, name: &str) -> Vec<&str> {
        self.iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

impl Injector for std::collections::BTreeMap<String, String> {
    fn set(&mut self, name: &str, value: String) {
        self.retain(|k, _| !k.eq_ignore_ascii_case(name));
        self.insert(name.to_owned(), value);
    }
}

/// The version-00 `traceparent` for these ids and flags, without intermediate strings.
pub(crate) fn format_traceparent(trace_id: &[u8; 16], span_id: &[u8; 8], flags: u8) -> String {
    // All ASCII by construction (a plain copy, no lossy scan).
    String::from_utf8(traceparent_bytes(trace_id, span_id, flags).to_vec()).unwrap_or_default()
}

/// Length of a binary `traceparent` (W3C trace-context-binary, version 0), bytes.
pub const TRACEPARENT_BINARY_LEN: usize = 29;

/// The binary `traceparent` of these ids (see [`TraceContext::traceparent_binary`]).
pub(crate) fn traceparent_binary(
    trace_id: &[u8; 16],
    span_id: &[u8; 8],
    flags: u8,
) -> [u8; TRACEPARENT_BINARY_LEN] {
    let mut out = [0u8; TRACEPARENT_BINARY_LEN];
    out[2..18].copy_from_slice(trace_id);
    out[18] = 1;
    out[19..27].copy_from_slice(span_id);
    out[27] = 2;
    out[28] = flags;
    out
}

/// The version-00 `traceparent` of these ids as ASCII bytes in a fixed buffer (no allocation).
pub(crate) fn traceparent_bytes(
    trace_id: &[u8; 16],
    span_id: &[u8; 8],
    flags: u8,
) -> [u8; TRACEPARENT_LEN] {
    let mut buf = [b'-'; TRACEPARENT_LEN];
    // The slices have exactly twice the bytes' length: encoding cannot fail.
    let _ = hex::encode_to_slice([TRACEPARENT_VERSION], &mut buf[0..2]);
    let _ = hex::encode_to_slice(trace_id, &mut buf[3..35]);
    let _ = hex::encode_to_slice(span_id, &mut buf[36..52]);
    let _ = hex::encode_to_slice([flags], &mut buf[53..55]);
    buf
}

/// A random, non-zero trace id (`fastrand`: per-thread wyrand, randomly seeded).
pub fn random_trace_id() -> [u8; 16] {
    fastrand::u128(1..).to_be_bytes()
}

/// A random, non-zero span id.
pub fn random_span_id() -> [u8; 8] {
    fastrand::u64(1..).to_be_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_traceparent_matches_the_draft_example() {
        // The example of the W3C trace-context-binary draft (spec/20-binary-format.md).
        let bytes: [u8; 29] = [
            0, 0, 75, 249, 47, 53, 119, 179, 77, 166, 163, 206, 146, 157, 0, 14, 71, 54, 1, 52,
            240, 103, 170, 11, 169, 2, 183, 2, 1,
        ];
        let ctx = TraceContext::parse_traceparent_binary(&bytes).expect("valid");
        assert_eq!(ctx.trace_id_hex(), "4bf92f3577b34da6a3ce929d000e4736");
        assert_eq!(ctx.span_id_hex(), "34f067aa0ba902b7");
        assert_eq!(ctx.flags, 1);
        assert_eq!(ctx.traceparent_binary(), bytes);
        // The same context as text and back.
        let text = TraceContext::parse_traceparent(&ctx.traceparent()).expect("text");
        assert_eq!(text.traceparent_binary(), bytes);
        // Padding is allowed; a short value, another version, a wrong field id or a zero id is not.
        let mut padded = bytes.to_vec();
        padded.extend_from_slice(&[0, 0, 0]);
        assert!(TraceContext::parse_traceparent_binary(&padded).is_ok());
        assert!(TraceContext::parse_traceparent_binary(&bytes[..28]).is_err());
        assert!(TraceContext::parse_traceparent_binary(&[]).is_err());
        for (at, v) in [(0, 1), (1, 9), (18, 0), (27, 1)] {
            let mut bad = bytes;
            bad[at] = v;
            assert!(
                TraceContext::parse_traceparent_binary(&bad).is_err(),
                "byte {at}"
            );
        }
        let mut zero = bytes;
        zero[2..18].fill(0);
        assert_eq!(
            TraceContext::parse_traceparent_binary(&zero),
            Err(TraceContextError::ZeroTraceId)
        );
        let mut zero = bytes;
        zero[19..27].fill(0);
        assert_eq!(
            TraceContext::parse_traceparent_binary(&zero),
            Err(TraceContextError::ZeroSpanId)
        );
    }

    #[test]
    fn traceparent_matches_the_format_string() {
        for flags in [0u8, 1, 3, 0xfe] {
            let ctx = TraceContext {
                flags,
                ..TraceContext::new_root()
            };
            let want = format!(
                "00-{}-{}-{:02x}",
                hex::encode(ctx.trace_id),
                hex::encode(ctx.span_id),
                flags
            );
            assert_eq!(ctx.traceparent(), want);
        }
    }

    #[test]
    fn random_ids_differ_across_threads() {
        let id = || u64::from_be_bytes(random_span_id());
        let here: Vec<u64> = (0..100).map(|_| id()).collect();
        let there: Vec<u64> = std::thread::spawn(move || (0..100).map(|_| id()).collect())
            .join()
            .expect("thread");
        let all: std::collections::HashSet<u64> = here.iter().chain(&there).copied().collect();
        assert_eq!(all.len(), 200);
    }

    #[test]
    fn round_trip() {
        let ctx = TraceContext::new_root();
        let parsed = TraceContext::parse_traceparent(&ctx.traceparent());
        assert_eq!(parsed, Ok(ctx));
    }

    #[test]
    fn rejects_uppercase_and_zero() {
        let up = "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01";
        assert!(TraceContext::parse_traceparent(up).is_err());
        let zero = "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01";
        assert_eq!(
            TraceContext::parse_traceparent(zero),
            Err(TraceContextError::ZeroSpanId)
        );
    }

    #[test]
    fn inject_extract_hashmap() {
        let mut ctx = TraceContext::new_root();
        ctx.tracestate.insert("butterfly", "n1").ok();
        let mut map = std::collections::HashMap::new();
        ctx.inject(&mut map);
        assert_eq!(TraceContext::extract(&map), Some(ctx));
    }
}
