//! Log entries as JSON lines, written straight into a byte buffer (no `serde`, no `fmt` for the
//! fixed fields): the node's log file format.

use crate::buffers::LogRecord;
use crate::values::{
    any_byte_in, display_text, push_hex, word_has_below, word_has_byte, AttrValue,
};

/// One log entry as a JSON object plus `\n`: `ts` (RFC 3339 UTC), `level`, `message`, `target`,
/// `trace_id`, `span_id`, `request_id`, `node_id`, `consensus_term`, `component`, `fields`.
pub fn format_json_line(r: &LogRecord) -> String {
    let mut out = Vec::with_capacity(256 + r.message.len());
    write_json_line(&mut out, r);
    // Only whole `&str`s and ASCII are ever written, so this never replaces anything.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// [`format_json_line`] appended to `out` (reuse one buffer to avoid an allocation per line).
/// What it appends is UTF-8.
pub fn write_json_line(out: &mut Vec<u8>, r: &LogRecord) {
    out.extend_from_slice(b"{\"ts\":\"");
    push_rfc3339(out, r.ts_unix_nano);
    out.extend_from_slice(b"\",\"level\":\"");
    out.extend_from_slice(r.level.as_str().as_bytes());
    out.extend_from_slice(b"\",\"message\":");
    push_json_str(out, &r.message);
    out.extend_from_slice(b",\"target\":");
    push_json_str(out, r.target);
    out.extend_from_slice(b",\"trace_id\":\"");
    if let Some(id) = &r.trace_id {
        push_hex(out, id);
    }
    out.extend_from_slice(b"\",\"span_id\":\"");
    if let Some(id) = &r.span_id {
        push_hex(out, id);
    }
    out.extend_from_slice(b"\",\"request_id\":");
    push_json_str(out, &r.request_id);
    out.extend_from_slice(b",\"node_id\":");
    push_json_str(out, &r.node_id);
    out.extend_from_slice(b",\"consensus_term\":");
    push_digits_var(out, r.consensus_term);
    out.extend_from_slice(b",\"component\":");
    push_json_str(out, &r.component);
    out.extend_from_slice(b",\"fields\":{");
    for (i, (k, v)) in r.fields.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        push_json_str(out, k);
        out.push(b':');
        // Values are written as text, as they always were (`"layer":"2"`).
        match v {
            AttrValue::U64(n) => {
                out.push(b'"');
                push_digits_var(out, *n);
                out.push(b'"');
            }
            _ => match v.text() {
                Some(text) => push_json_str(out, text),
                None => push_json_str(out, &display_text(v)),
            },
        }
    }
    out.extend_from_slice(b"}}\n");
}

/// The bytes a JSON string escapes: `"`, `\\` and control characters.
static JSON_ESCAPE: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

/// Non-zero when one of the 8 bytes of `w` is a control character, `"` or `\\`.
#[inline]
fn needs_escape(w: u64) -> u64 {
    word_has_below(w, 0x20) | word_has_byte(w, b'"') | word_has_byte(w, b'\\')
}

/// Appends `s` as a JSON string (checked 8 bytes at a time: most need no escaping).
fn push_json_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.push(b'"');
    if !any_byte_in(bytes, needs_escape, |b| JSON_ESCAPE[usize::from(b)]) {
        out.extend_from_slice(bytes);
        out.push(b'"');
        return;
    }
    let mut plain = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !JSON_ESCAPE[usize::from(b)] {
            continue;
        }
        out.extend_from_slice(&bytes[plain..i]);
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            _ => {
                out.extend_from_slice(b"\\u00");
                push_hex(out, &[b]);
            }
        }
        plain = i + 1;
    }
    out.extend_from_slice(&bytes[plain..]);
    out.push(b'"');
}

/// Appends `n` as exactly `width` decimal digits (zero-padded; `n` must fit in 20).
fn push_digits(out: &mut Vec<u8>, mut n: u64, width: usize) {
    let mut buf = [b'0'; 20];
    let width = width.min(buf.len());
    for d in buf[..width].iter_mut().rev() {
        *d = b'0' + (n % 10) as u8;
        n /= 10;
    }
    out.extend_from_slice(&buf[..width]);
}

/// Appends `n` in decimal.
fn push_digits_var(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// RFC 3339 UTC time of `ns` nanoseconds since the epoch, as the `time` crate's `Rfc3339`
/// prints it: `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, the fraction without trailing zeros.
fn push_rfc3339(out: &mut Vec<u8>, ns: u64) {
    use std::cell::Cell;
    /// `YYYY-MM-DDTHH:MM:SS`, bytes.
    const PREFIX: usize = 19;
    thread_local! {
        /// The last whole second written on this thread, and its text: most lines repeat it.
        static LAST: Cell<(u64, [u8; PREFIX])> = const { Cell::new((u64::MAX, [0; PREFIX])) };
    }
    let secs = ns / 1_000_000_000;
    let nanos = ns % 1_000_000_000;
    let (last, text) = LAST.get();
    if last == secs {
        out.extend_from_slice(&text);
    } else {
        let start = out.len();
        push_date_time(out, secs);
        if let Some(written) = out
            .get(start..)
            .and_then(|w| <[u8; PREFIX]>::try_from(w).ok())
        {
            LAST.set((secs, written));
        }
    }
    if nanos > 0 {
        let mut frac = nanos;
        let mut width = 9;
        while frac.is_multiple_of(10) {
            frac /= 10;
            width -= 1;
        }
        out.push(b'.');
        push_digits(out, frac, width);
    }
    out.push(b'Z');
}

/// `YYYY-MM-DDTHH:MM:SS` (UTC) of `secs` seconds since the epoch (years up to 9999).
fn push_date_time(out: &mut Vec<u8>, secs: u64) {
    let days = secs / 86_400;
    let rem = secs % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    push_digits(out, year, 4);
    out.push(b'-');
    push_digits(out, month, 2);
    out.push(b'-');
    push_digits(out, day, 2);
    out.push(b'T');
    push_digits(out, rem / 3600, 2);
    out.push(b':');
    push_digits(out, rem / 60 % 60, 2);
    out.push(b':');
    push_digits(out, rem % 60, 2);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn via_time(ns: u64) -> String {
        time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ns))
            .ok()
            .and_then(|t| {
                t.format(&time::format_description::well_known::Rfc3339)
                    .ok()
            })
            .unwrap_or_default()
    }

    fn text(f: impl FnOnce(&mut Vec<u8>)) -> String {
        let mut out = Vec::new();
        f(&mut out);
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn rfc3339_matches_the_time_crate() {
        let samples = [
            0u64,
            1,
            999_999_999,
            1_000_000_000,
            951_782_400_000_000_000,   // 2000-02-29
            1_798_243_200_123_000_000, // 2026-12-26
            1_800_000_000_100_000_000,
            4_102_444_799_999_999_999, // 2099-12-31T23:59:59.999999999
        ];
        let mut x = 0x1234_5678_9abc_def0u64;
        let mut all = samples.to_vec();
        for _ in 0..2000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            all.push(x % 4_102_444_800_000_000_000);
        }
        for ns in all {
            assert_eq!(text(|o| push_rfc3339(o, ns)), via_time(ns), "{ns}");
            // Again within the same second: the date and time come from the thread's cache.
            let same_second = ns - ns % 1_000_000_000 + 123_000;
            assert_eq!(
                text(|o| push_rfc3339(o, same_second)),
                via_time(same_second)
            );
        }
    }

    #[test]
    fn json_strings_escape_like_serde() {
        let mut cases: Vec<String> = [
            "",
            "plain",
            "q\"uote",
            "back\\slash",
            "nl\n\r\t",
            "ctl\u{1}\u{1f}x",
            "üñí ✓",
            "exactly8",
            "0123456789abcdef\"0123456789abcdef\\x",
            "a long line with no escapes at all, past several words \u{7f}~",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Every byte value that is a whole character, at every offset of an 8-byte word.
        for b in 0u8..0x80 {
            for at in 0..9 {
                let mut s = "x".repeat(at);
                s.push(char::from(b));
                s.push_str("yyyyyyyy");
                cases.push(s);
            }
        }
        for s in cases {
            let out = text(|o| push_json_str(o, &s));
            let back: String = serde_json::from_str(&out).expect("valid JSON");
            assert_eq!(back, s);
        }
        for v in [0u64, 7, 10, 42, u64::MAX] {
            assert_eq!(text(|o| push_digits_var(o, v)), v.to_string());
        }
    }

    #[test]
    fn escape_scan_is_exact() {
        // The word test agrees with the byte table on every byte, in every lane.
        for b in 0u8..=255 {
            for lane in 0..8 {
                let mut w = [b'a'; 8];
                w[lane] = b;
                assert_eq!(
                    needs_escape(u64::from_le_bytes(w)) != 0,
                    JSON_ESCAPE[usize::from(b)],
                    "byte {b:#x} in lane {lane}"
                );
            }
        }
    }
}
