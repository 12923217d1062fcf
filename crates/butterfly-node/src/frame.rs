//! Data-plane frames (see `dataplane.rs` for the wire layout): the binary request header, the
//! JSON reply header, the tensor byte codec, and the pure decoders the fuzz target drives.
//!
//! Self-contained (serde, serde_json and butterfly-telemetry only): the fuzz target
//! (`fuzz/fuzz_targets/dataplane_frame.rs`) compiles this very file, without the node's
//! dependencies (its jemalloc would replace the address sanitizer's allocator).
use butterfly_telemetry::TraceContext;
use serde::{Deserialize, Serialize};

/// A tensor as little-endian bytes.
pub fn to_bytes(t: &[f32]) -> Vec<u8> {
    let mut out = Vec::with_capacity(t.len() * 4);
    append_bytes(&mut out, t);
    out
}

/// Appends a tensor's little-endian bytes to `out` (as [`to_bytes`] writes them).
pub fn append_bytes(out: &mut Vec<u8>, t: &[f32]) {
    out.extend(t.iter().flat_map(|v| v.to_le_bytes()));
}

/// Little-endian bytes back to a tensor; `None` when the length is not a multiple of 4.
pub fn from_bytes(b: &[u8]) -> Option<Vec<f32>> {
    if !b.len().is_multiple_of(4) {
        return None;
    }
    Some(
        b.chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect(),
    )
}

/// Largest header (request or reply): 64 KiB.
pub const MAX_HEADER_BYTES: usize = 64 << 10;

/// What a coordinator asks a compute node to do (borrowed from the caller or the received frame).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExecHeader<'a> {
    /// Request id.
    pub request_id: &'a str,
    /// Layer to run.
    pub layer: u32,
    /// Binary W3C traceparent of the sender's span
    /// ([`butterfly_telemetry::TraceContext::parse_traceparent_binary`]); empty when tracing is
    /// off.
    pub traceparent: &'a [u8],
    /// Sender node id.
    pub from: &'a str,
}

impl<'a> ExecHeader<'a> {
    /// The request frame: header length, this header, then `tensor` as f32 little-endian.
    pub(crate) fn frame(&self, tensor: &[f32]) -> Vec<u8> {
        let strings = [
            self.request_id.as_bytes(),
            self.from.as_bytes(),
            self.traceparent,
        ];
        let header_len = 4 + strings
            .iter()
            .map(|s| 2 + s.len().min(0xffff))
            .sum::<usize>();
        let mut out = Vec::with_capacity(4 + header_len + tensor.len() * 4);
        out.extend_from_slice(&(header_len as u32).to_be_bytes());
        out.extend_from_slice(&self.layer.to_be_bytes());
        for s in strings {
            // Ids are short; a string over 64 KiB is cut (and then rejected by the receiver's
            // UTF-8 or traceparent checks rather than misframed).
            let b = &s[..s.len().min(0xffff)];
            out.extend_from_slice(&(b.len() as u16).to_be_bytes());
            out.extend_from_slice(b);
        }
        append_bytes(&mut out, tensor);
        out
    }

    /// Parses a request frame into its header and tensor bytes.
    pub(crate) fn parse(buf: &'a [u8]) -> Result<(Self, &'a [u8]), String> {
        let (mut header, body) = split_frame(buf)?;
        let layer = take(&mut header, 4)?;
        let layer = u32::from_be_bytes([layer[0], layer[1], layer[2], layer[3]]);
        let mut bytes = || -> Result<&'a [u8], String> {
            let len = take(&mut header, 2)?;
            take(
                &mut header,
                usize::from(u16::from_be_bytes([len[0], len[1]])),
            )
        };
        let text = |b: &'a [u8]| {
            std::str::from_utf8(b).map_err(|_| "bad header: text is not UTF-8".to_string())
        };
        let request_id = text(bytes()?)?;
        let from = text(bytes()?)?;
        // Checked by the trace-context parser.
        let traceparent = bytes()?;
        if !header.is_empty() {
            return Err(format!("bad header: {} trailing bytes", header.len()));
        }
        Ok((
            ExecHeader {
                request_id,
                layer,
                traceparent,
                from,
            },
            body,
        ))
    }
}

/// The first `n` bytes of `buf`, advancing it.
fn take<'a>(buf: &mut &'a [u8], n: usize) -> Result<&'a [u8], String> {
    if buf.len() < n {
        return Err("bad header: truncated".into());
    }
    let (head, rest) = buf.split_at(n);
    *buf = rest;
    Ok(head)
}

/// What a compute node answers.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExecReply {
    /// Answering node id.
    pub node_id: String,
    /// SHA-256 (hex) of the output tensor as sent.
    pub hash: String,
    /// Execution time on the node, microseconds.
    pub exec_us: u64,
    /// Set when the node could not run the layer.
    pub error: Option<String>,
}

pub(crate) fn encode(header: &impl Serialize, tensor: &[u8]) -> Vec<u8> {
    let h = serde_json::to_vec(header).unwrap_or_default();
    let mut out = Vec::with_capacity(4 + h.len() + tensor.len());
    out.extend_from_slice(&(h.len() as u32).to_be_bytes());
    out.extend_from_slice(&h);
    out.extend_from_slice(tensor);
    out
}

/// Splits a frame into its header and body, checking the header length.
fn split_frame(buf: &[u8]) -> Result<(&[u8], &[u8]), String> {
    let len = buf
        .get(..4)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
        .ok_or("truncated frame")?;
    if len > MAX_HEADER_BYTES {
        return Err(format!("header of {len} bytes exceeds {MAX_HEADER_BYTES}"));
    }
    let header = buf.get(4..4 + len).ok_or("truncated header")?;
    Ok((header, &buf[4 + len..]))
}

pub(crate) fn decode<T: for<'de> Deserialize<'de>>(buf: &[u8]) -> Result<(T, &[u8]), String> {
    let (header, body) = split_frame(buf)?;
    let header = serde_json::from_slice(header).map_err(|e| format!("bad header: {e}"))?;
    Ok((header, body))
}

/// Decodes a request frame as a compute node does: the header, its binary `traceparent` (when
/// not empty) and the tensor. Pure; for the fuzz target and tests.
#[doc(hidden)]
pub fn decode_frame(buf: &[u8]) -> Result<(ExecHeader<'_>, Vec<f32>), String> {
    let (header, body) = ExecHeader::parse(buf)?;
    if !header.traceparent.is_empty() {
        TraceContext::parse_traceparent_binary(header.traceparent)
            .map_err(|e| format!("bad traceparent: {e}"))?;
    }
    let tensor = from_bytes(body).ok_or("tensor is not a whole number of f32")?;
    Ok((header, tensor))
}

/// Decodes a reply frame as a coordinator does: the JSON [`ExecReply`] and the tensor. Pure; for
/// the fuzz target and tests.
#[doc(hidden)]
pub fn decode_reply(buf: &[u8]) -> Result<(ExecReply, Vec<f32>), String> {
    let (reply, body) = decode::<ExecReply>(buf)?;
    let tensor = from_bytes(body).ok_or("tensor is not a whole number of f32")?;
    Ok((reply, tensor))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip_and_reject_garbage() {
        let tp = butterfly_telemetry::TraceContext::parse_traceparent(
            "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        )
        .unwrap()
        .traceparent_binary();
        let h = ExecHeader {
            request_id: "req_1",
            layer: 2,
            traceparent: &tp,
            from: "coordinator-1",
        };
        let buf = h.frame(&[1.0, 2.0]);
        let (back, body) = ExecHeader::parse(&buf).unwrap();
        assert_eq!(back, h);
        assert_eq!(from_bytes(body).unwrap(), vec![1.0, 2.0]);
        // Tracing off: an empty traceparent.
        let off = ExecHeader {
            traceparent: b"",
            ..h
        };
        assert_eq!(ExecHeader::parse(&off.frame(&[])).unwrap().0, off);
        assert!(ExecHeader::parse(&[0, 0]).is_err());
        assert!(ExecHeader::parse(&[0xff, 0xff, 0xff, 0xff]).is_err());
        assert!(ExecHeader::parse(&[0, 0, 0, 3, b'{', b'x', b'}']).is_err());
        // A string length past the header's end, bad UTF-8, trailing bytes.
        assert!(ExecHeader::parse(&[0, 0, 0, 6, 0, 0, 0, 1, 0, 9]).is_err());
        assert!(ExecHeader::parse(&[0, 0, 0, 11, 0, 0, 0, 1, 0, 1, 0xff, 0, 0, 0, 0]).is_err());
        let mut long = h.frame(&[]);
        let len = u32::from_be_bytes([long[0], long[1], long[2], long[3]]) + 1;
        long[..4].copy_from_slice(&len.to_be_bytes());
        long.push(0);
        assert!(ExecHeader::parse(&long).unwrap_err().contains("trailing"));
        // Replies are still JSON.
        let reply = ExecReply {
            node_id: "compute-1".into(),
            hash: "ab".into(),
            exec_us: 3,
            error: None,
        };
        let framed = encode(&reply, &to_bytes(&[4.0]));
        let (back, body): (ExecReply, _) = decode(&framed).unwrap();
        assert_eq!(back.exec_us, 3);
        assert_eq!(from_bytes(body).unwrap(), vec![4.0]);
    }
}
