//! Writes captured packets of several nodes as ONE pcapng file (pcap-file): an interface per
//! node named after it, packets merged by timestamp, per-node drop statistics in Interface
//! Statistics Blocks. Timestamps are nanoseconds (`if_tsresol` 9).

use pcap_file::pcapng::blocks::enhanced_packet::EnhancedPacketBlock;
use pcap_file::pcapng::blocks::interface_description::{
    InterfaceDescriptionBlock, InterfaceDescriptionOption,
};
use pcap_file::pcapng::blocks::interface_statistics::{
    InterfaceStatisticsBlock, InterfaceStatisticsOption,
};
use pcap_file::pcapng::blocks::section_header::{SectionHeaderBlock, SectionHeaderOption};
use pcap_file::pcapng::PcapNgWriter;
use pcap_file::DataLink;
use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::io::Write;
use std::time::Duration;

/// One interface of the file: a node.
#[derive(Debug, Clone)]
pub struct Interface {
    /// Node id (the interface name).
    pub name: String,
    /// What was captured there (source, interface, filter).
    pub description: String,
    /// Link-layer type (1 = Ethernet).
    pub linktype: u32,
    /// Bytes kept per packet.
    pub snaplen: u32,
}

/// Final counters of one interface.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    /// Packets the source saw.
    pub received: u64,
    /// Packets dropped by the node over its limits.
    pub dropped: u64,
    /// Packets dropped by the kernel (libpcap).
    pub kernel_dropped: u64,
    /// Packets written.
    pub delivered: u64,
    /// First and last timestamp, ns.
    pub start_ns: u64,
    /// Last timestamp, ns.
    pub end_ns: u64,
    /// Why the capture stopped.
    pub comment: String,
}

/// A pcapng writer over `W` with the interfaces written up front.
pub struct Writer<W: Write> {
    inner: PcapNgWriter<W>,
    written: u64,
}

fn err(e: pcap_file::PcapError) -> std::io::Error {
    match e {
        pcap_file::PcapError::IoError(io) => io,
        other => std::io::Error::other(other.to_string()),
    }
}

impl<W: Write> Writer<W> {
    /// Writes the section header and one interface block per node.
    pub fn new(out: W, interfaces: &[Interface]) -> std::io::Result<Writer<W>> {
        let shb = SectionHeaderBlock {
            options: vec![SectionHeaderOption::UserApplication(Cow::Owned(format!(
                "butterfly-cli {}",
                env!("CARGO_PKG_VERSION")
            )))],
            ..SectionHeaderBlock::default()
        };
        let mut inner = PcapNgWriter::with_section_header(out, shb).map_err(err)?;
        for i in interfaces {
            let idb = InterfaceDescriptionBlock {
                linktype: DataLink::from(i.linktype),
                snaplen: i.snaplen,
                options: vec![
                    InterfaceDescriptionOption::IfName(Cow::Owned(i.name.clone())),
                    InterfaceDescriptionOption::IfDescription(Cow::Owned(i.description.clone())),
                    InterfaceDescriptionOption::IfTsResol(9),
                ],
            };
            inner.write_pcapng_block(idb).map_err(err)?;
        }
        Ok(Writer { inner, written: 0 })
    }

    /// Writes one packet of interface `iface`.
    pub fn packet(
        &mut self,
        iface: u32,
        ts_ns: u64,
        original_len: u32,
        data: &[u8],
    ) -> std::io::Result<()> {
        let epb = EnhancedPacketBlock {
            interface_id: iface,
            timestamp: Duration::from_nanos(ts_ns),
            original_len: original_len.max(data.len() as u32),
            data: Cow::Borrowed(data),
            options: vec![],
        };
        self.inner.write_pcapng_block(epb).map_err(err)?;
        self.written += 1;
        Ok(())
    }

    /// Writes the statistics of interface `iface`.
    pub fn stats(&mut self, iface: u32, s: &Stats) -> std::io::Result<()> {
        let mut options = vec![
            InterfaceStatisticsOption::IsbStartTime(s.start_ns),
            InterfaceStatisticsOption::IsbEndTime(s.end_ns),
            InterfaceStatisticsOption::IsbIfRecv(s.received),
            InterfaceStatisticsOption::IsbIfDrop(s.dropped + s.kernel_dropped),
            InterfaceStatisticsOption::IsbOsDrop(s.kernel_dropped),
            InterfaceStatisticsOption::IsbUsrDeliv(s.delivered),
        ];
        if !s.comment.is_empty() {
            options.push(InterfaceStatisticsOption::Comment(Cow::Owned(
                s.comment.clone(),
            )));
        }
        let isb = InterfaceStatisticsBlock {
            interface_id: iface,
            timestamp: s.end_ns.max(s.start_ns),
            options,
        };
        self.inner.write_pcapng_block(isb).map_err(err)?;
        Ok(())
    }

    /// Packets written so far.
    pub fn written(&self) -> u64 {
        self.written
    }

    /// Flushes the underlying writer.
    pub fn flush(&mut self) -> std::io::Result<()> {
        self.inner.get_mut().flush()
    }

    /// The underlying writer.
    pub fn into_inner(self) -> W {
        self.inner.into_inner()
    }
}

/// One packet waiting in the merge.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Pending {
    ts: u64,
    seq: u64,
    iface: u32,
    original_len: u32,
    data: Vec<u8>,
}

/// Merges packets of several interfaces by timestamp: packets go in as they arrive, and come out
/// in time order once every interface's watermark has passed them.
#[derive(Debug, Default)]
pub struct Merger {
    heap: BinaryHeap<Reverse<Pending>>,
    seq: u64,
}

impl Merger {
    /// Adds a packet of interface `iface`.
    pub fn push(&mut self, iface: u32, ts: u64, original_len: u32, data: Vec<u8>) {
        self.seq += 1;
        self.heap.push(Reverse(Pending {
            ts,
            seq: self.seq,
            iface,
            original_len,
            data,
        }));
    }

    /// Writes every packet older than `watermark` (all of them with `u64::MAX`), in time order.
    pub fn drain_until<W: Write>(
        &mut self,
        watermark: u64,
        out: &mut Writer<W>,
    ) -> std::io::Result<()> {
        while self.heap.peek().is_some_and(|Reverse(p)| p.ts <= watermark) {
            if let Some(Reverse(p)) = self.heap.pop() {
                out.packet(p.iface, p.ts, p.original_len, &p.data)?;
            }
        }
        Ok(())
    }

    /// Packets waiting.
    pub fn len(&self) -> usize {
        self.heap.len()
    }

    /// Whether none waits.
    pub fn is_empty(&self) -> bool {
        self.heap.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_by_time_and_reads_back() {
        let ifaces = [
            Interface {
                name: "a".into(),
                description: "tap".into(),
                linktype: 1,
                snaplen: 65535,
            },
            Interface {
                name: "b".into(),
                description: "tap".into(),
                linktype: 1,
                snaplen: 65535,
            },
        ];
        let mut w = Writer::new(Vec::new(), &ifaces).unwrap();
        let mut m = Merger::default();
        m.push(1, 30, 3, vec![3; 3]);
        m.push(0, 10, 1, vec![1]);
        m.push(0, 20, 2, vec![2; 2]);
        m.drain_until(20, &mut w).unwrap();
        assert_eq!(m.len(), 1);
        m.drain_until(u64::MAX, &mut w).unwrap();
        w.stats(0, &Stats::default()).unwrap();
        let bytes = w.into_inner();
        let mut r = pcap_file::pcapng::PcapNgReader::new(&bytes[..]).unwrap();
        let mut seen = Vec::new();
        while let Some(b) = r.next_block() {
            if let pcap_file::pcapng::Block::EnhancedPacket(p) = b.unwrap() {
                seen.push((p.interface_id, p.timestamp.as_nanos()));
            }
        }
        assert_eq!(seen, vec![(0, 10), (0, 20), (1, 30)]);
    }
}
