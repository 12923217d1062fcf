//! Synthetic packets for the in-process tap: Ethernet + IPv4 (or IPv6) + TCP or UDP around a
//! payload the node sent or received after decryption, with the connection's real addresses and
//! ports, so Wireshark and tshark decode them like captured traffic.

use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU16, Ordering};

/// Largest payload put in one synthetic packet; longer payloads become several segments (TCP, with
/// advancing sequence numbers) or datagrams (UDP).
pub const MAX_SEGMENT: usize = 65_000;

/// Transport of a synthetic packet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transport {
    /// TCP with this sequence and acknowledgement number (PSH|ACK).
    Tcp {
        /// Sequence number of the first payload byte.
        seq: u32,
        /// Acknowledgement number.
        ack: u32,
    },
    /// UDP.
    Udp,
}

static IP_ID: AtomicU16 = AtomicU16::new(1);

fn checksum(bytes: &[u8]) -> u16 {
    let mut sum: u32 = 0;
    for pair in bytes.chunks(2) {
        let word = u16::from_be_bytes([pair[0], *pair.get(1).unwrap_or(&0)]);
        sum += u32::from(word);
    }
    while sum > 0xffff {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    !(sum as u16)
}

/// Builds the Ethernet frames carrying `payload` from `src` to `dst` (one per [`MAX_SEGMENT`]
/// bytes; an empty payload gives one frame). TCP sequence numbers advance across segments.
pub fn frames(
    src: SocketAddr,
    dst: SocketAddr,
    transport: Transport,
    payload: &[u8],
) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut offset = 0usize;
    loop {
        let end = (offset + MAX_SEGMENT).min(payload.len());
        let chunk = &payload[offset..end];
        let t = match transport {
            Transport::Tcp { seq, ack } => Transport::Tcp {
                seq: seq.wrapping_add(offset as u32),
                ack,
            },
            Transport::Udp => Transport::Udp,
        };
        out.push(frame(src, dst, t, chunk));
        offset = end;
        if offset >= payload.len() {
            break;
        }
    }
    out
}

/// One Ethernet frame (zero MAC addresses, as on Linux loopback) around `payload`
/// (at most [`MAX_SEGMENT`] bytes).
pub fn frame(src: SocketAddr, dst: SocketAddr, transport: Transport, payload: &[u8]) -> Vec<u8> {
    let l4_len = match transport {
        Transport::Tcp { .. } => 20,
        Transport::Udp => 8,
    } + payload.len();
    let (proto, v4) = (
        match transport {
            Transport::Tcp { .. } => 6u8,
            Transport::Udp => 17u8,
        },
        match (src.ip(), dst.ip()) {
            (IpAddr::V4(a), IpAddr::V4(b)) => Some((a, b)),
            _ => None,
        },
    );
    let mut p = Vec::with_capacity(14 + 40 + l4_len);
    p.extend_from_slice(&[0u8; 12]);
    match v4 {
        Some((s, d)) => {
            p.extend_from_slice(&0x0800u16.to_be_bytes());
            let start = p.len();
            let total = (20 + l4_len).min(usize::from(u16::MAX)) as u16;
            p.push(0x45);
            p.push(0);
            p.extend_from_slice(&total.to_be_bytes());
            p.extend_from_slice(&IP_ID.fetch_add(1, Ordering::Relaxed).to_be_bytes());
            p.extend_from_slice(&0x4000u16.to_be_bytes());
            p.push(64);
            p.push(proto);
            p.extend_from_slice(&[0, 0]);
            p.extend_from_slice(&s.octets());
            p.extend_from_slice(&d.octets());
            let sum = checksum(&p[start..start + 20]);
            p[start + 10..start + 12].copy_from_slice(&sum.to_be_bytes());
        }
        None => {
            let to6 = |ip: IpAddr| match ip {
                IpAddr::V4(a) => a.to_ipv6_mapped(),
                IpAddr::V6(a) => a,
            };
            p.extend_from_slice(&0x86DDu16.to_be_bytes());
            p.extend_from_slice(&0x6000_0000u32.to_be_bytes());
            p.extend_from_slice(&(l4_len.min(usize::from(u16::MAX)) as u16).to_be_bytes());
            p.push(proto);
            p.push(64);
            p.extend_from_slice(&to6(src.ip()).octets());
            p.extend_from_slice(&to6(dst.ip()).octets());
        }
    }
    p.extend_from_slice(&src.port().to_be_bytes());
    p.extend_from_slice(&dst.port().to_be_bytes());
    match transport {
        Transport::Tcp { seq, ack } => {
            p.extend_from_slice(&seq.to_be_bytes());
            p.extend_from_slice(&ack.to_be_bytes());
            p.push(5 << 4);
            p.push(0x18); // PSH | ACK
            p.extend_from_slice(&u16::MAX.to_be_bytes());
            // Checksum left 0: Wireshark does not validate TCP checksums by default.
            p.extend_from_slice(&[0, 0, 0, 0]);
        }
        Transport::Udp => {
            p.extend_from_slice(&(l4_len.min(usize::from(u16::MAX)) as u16).to_be_bytes());
            // 0 = no checksum (allowed for UDP over IPv4).
            p.extend_from_slice(&[0, 0]);
        }
    }
    p.extend_from_slice(payload);
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv4_headers_are_well_formed() {
        let src: SocketAddr = "127.0.0.1:4000".parse().unwrap();
        let dst: SocketAddr = "127.0.0.2:7400".parse().unwrap();
        let f = frame(src, dst, Transport::Tcp { seq: 7, ack: 9 }, b"hello");
        assert_eq!(f.len(), 14 + 20 + 20 + 5);
        assert_eq!(&f[12..14], &[0x08, 0x00]);
        // The IPv4 header checksums to zero.
        assert_eq!(checksum(&f[14..34]), 0);
        assert_eq!(u16::from_be_bytes([f[16], f[17]]), 45);
        assert_eq!(&f[34..36], &4000u16.to_be_bytes());
        assert_eq!(&f[38..42], &7u32.to_be_bytes());
        let u = frame(src, dst, Transport::Udp, b"x");
        assert_eq!(u.len(), 14 + 20 + 8 + 1);
        assert_eq!(u16::from_be_bytes([u[38], u[39]]), 9);
        // Long payloads are segmented with advancing sequence numbers.
        let big = vec![1u8; MAX_SEGMENT + 10];
        let segs = frames(src, dst, Transport::Tcp { seq: 0, ack: 0 }, &big);
        assert_eq!(segs.len(), 2);
        assert_eq!(&segs[1][38..42], &(MAX_SEGMENT as u32).to_be_bytes());
        let v6: SocketAddr = "[::1]:5".parse().unwrap();
        let f6 = frame(v6, dst, Transport::Udp, b"");
        assert_eq!(&f6[12..14], &[0x86, 0xDD]);
        assert_eq!(f6.len(), 14 + 40 + 8);
    }
}
