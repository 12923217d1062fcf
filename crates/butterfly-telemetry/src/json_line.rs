//! Log entries as JSON lines (the node's log file format), written with `serde_json`.

use serde::ser::{SerializeMap, SerializeStruct, Serializer};
use serde::Serialize;

use crate::buffers::{Attributes, LogRecord};

/// One log entry as a JSON object plus `\n`: `ts` (RFC 3339 UTC), `level`, `message`, `target`,
/// `trace_id`, `span_id` (lowercase hex, empty outside a span), `request_id`, `node_id`,
/// `consensus_term`, `component`, `fields` (every value as text: `"layer":"2"`).
pub fn format_json_line(r: &LogRecord) -> String {
    let mut out = Vec::with_capacity(256 + r.message.len());
    write_json_line(&mut out, r);
    // serde_json writes UTF-8 only.
    String::from_utf8(out).unwrap_or_default()
}

/// [`format_json_line`] appended to `out` (reuse one buffer to avoid an allocation per line).
pub fn write_json_line(out: &mut Vec<u8>, r: &LogRecord) {
    // Writing into a Vec cannot fail, and every value serializes.
    if serde_json::to_writer(&mut *out, &Line(r)).is_ok() {
        out.push(b'\n');
    }
}

/// The serialized form of a [`LogRecord`].
struct Line<'a>(&'a LogRecord);

impl Serialize for Line<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = self.0;
        let mut trace = [0u8; 32];
        let mut span = [0u8; 16];
        let mut o = s.serialize_struct("LogLine", 11)?;
        o.serialize_field("ts", &Rfc3339(r.ts_unix_nano))?;
        o.serialize_field("level", r.level.as_str())?;
        o.serialize_field("message", &r.message)?;
        o.serialize_field("target", r.target)?;
        o.serialize_field("trace_id", hex_str(r.trace_id.as_ref(), &mut trace))?;
        o.serialize_field("span_id", hex_str(r.span_id.as_ref(), &mut span))?;
        o.serialize_field("request_id", r.request_id.as_str())?;
        o.serialize_field("node_id", r.node_id.as_str())?;
        o.serialize_field("consensus_term", &r.consensus_term)?;
        o.serialize_field("component", r.component.as_str())?;
        o.serialize_field("fields", &Fields(&r.fields))?;
        o.end()
    }
}

/// `id` as lowercase hex in `buf` (empty when `None`).
fn hex_str<'b, const N: usize>(id: Option<&[u8; N]>, buf: &'b mut [u8]) -> &'b str {
    match id {
        Some(id) if hex::encode_to_slice(id, buf).is_ok() => {
            std::str::from_utf8(buf).unwrap_or_default()
        }
        _ => "",
    }
}

/// Fields as an object of strings (their `Display` text).
struct Fields<'a>(&'a Attributes);

impl Serialize for Fields<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0.iter() {
            m.serialize_entry(k, &Text(v))?;
        }
        m.end()
    }
}

/// A value serialized as its `Display` text.
struct Text<'a, T>(&'a T);

impl<T: std::fmt::Display> Serialize for Text<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self.0)
    }
}

/// Nanoseconds since the epoch as RFC 3339 UTC (`time`'s `Rfc3339`: the fraction without
/// trailing zeros).
struct Rfc3339(u64);

impl Serialize for Rfc3339 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use time::format_description::well_known::Rfc3339 as Format;
        // `YYYY-MM-DDTHH:MM:SS.fffffffffZ` is 30 bytes: formatted on the stack, no allocation.
        let mut buf = [0u8; 40];
        let mut out = &mut buf[..];
        let ok = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(self.0))
            .ok()
            .is_some_and(|t| t.format_into(&mut out, &Format).is_ok());
        // What the writes left of the buffer tells how much they wrote.
        let written = if ok { 40 - out.len() } else { 0 };
        s.serialize_str(std::str::from_utf8(&buf[..written]).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::buffers::Level;
    use crate::values::AttrValue;

    #[test]
    fn a_line_is_one_json_object() {
        let mut fields = Attributes::new();
        fields.push(("layer", AttrValue::U64(2)));
        fields.push(("note", AttrValue::from("q\"uote\nnl")));
        let r = LogRecord {
            ts_unix_nano: 1_798_243_200_123_000_000,
            level: Level::Warn,
            message: "ctl\u{1} ✓".into(),
            target: "node::x",
            trace_id: Some([0xab; 16]),
            span_id: None,
            request_id: "req_1".into(),
            node_id: "n1".into(),
            consensus_term: 7,
            component: "compute".into(),
            fields,
        };
        let line = format_json_line(&r);
        assert!(line.ends_with("}\n") && line.matches('\n').count() == 1);
        let v: serde_json::Value = serde_json::from_str(&line).expect("JSON");
        assert_eq!(v["ts"], "2026-12-26T00:00:00.123Z");
        assert_eq!(v["level"], "WARN");
        assert_eq!(v["message"], "ctl\u{1} ✓");
        assert_eq!(v["trace_id"], "ab".repeat(16));
        assert_eq!(v["span_id"], "");
        assert_eq!(v["consensus_term"], 7);
        assert_eq!(v["fields"]["layer"], "2");
        assert_eq!(v["fields"]["note"], "q\"uote\nnl");
    }
}
