//! PII scrubbing applied to every log field, log message and span attribute before it is
//! written, buffered or exported.
//!
//! * user ids (fields in [`USER_ID_FIELDS`]) → `uid:` + first 16 hex of SHA-256(pepper ‖ value);
//! * input text (fields in [`TEXT_FIELDS`]) → `<redacted len=N>` (N in characters);
//! * tensors (fields in [`TENSOR_FIELDS`]) → `<tensor shape=[..] dtype=..>`;
//! * anywhere in any string: e-mail addresses → [`EMAIL_REPLACEMENT`], IPv4 → `a.b.0.0/16`,
//!   IPv6 → `xxxx::/16`.

use std::borrow::Cow;
use std::net::Ipv6Addr;

use sha2::{Digest, Sha256};

/// Field names holding user identifiers (hashed with the pepper).
pub const USER_ID_FIELDS: &[&str] = &[
    "user_id",
    "userid",
    "user",
    "uid",
    "customer_id",
    "account_id",
    "user.id",
];
/// Field names holding user text (replaced by its length).
pub const TEXT_FIELDS: &[&str] = &[
    "input",
    "prompt",
    "text",
    "completion",
    "output_text",
    "input_text",
    "content",
];
/// Field names holding tensor values (replaced by shape and dtype).
pub const TENSOR_FIELDS: &[&str] = &[
    "tensor",
    "tensor_values",
    "values",
    "activations",
    "logits",
    "weights",
    "embedding",
];
/// What an e-mail address becomes.
pub const EMAIL_REPLACEMENT: &str = "<email>";
/// Hex characters of the user-id hash that are kept (64 bits).
pub const USER_HASH_HEX_LEN: usize = 16;

/// Scrubs PII out of field values. Cheap to clone-share behind an `Arc`.
#[derive(Clone)]
pub struct Scrubber {
    pepper: Vec<u8>,
}

impl std::fmt::Debug for Scrubber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scrubber")
            .field("pepper", &"<secret>")
            .finish()
    }
}

impl Scrubber {
    /// A scrubber hashing user ids with `pepper` (keep it secret and equal on every node so the
    /// same user hashes the same everywhere).
    pub fn new(pepper: impl Into<Vec<u8>>) -> Self {
        Self {
            pepper: pepper.into(),
        }
    }

    /// The scrubbed form of field `name` = `value`.
    pub fn scrub_field<'a>(&self, name: &str, value: &'a str) -> Cow<'a, str> {
        self.scrub_as(FieldClass::of(name), value)
    }

    /// The scrubbed form of a value of a field of class `class` (see [`FieldClass::of`]).
    pub fn scrub_as<'a>(&self, class: FieldClass, value: &'a str) -> Cow<'a, str> {
        match class {
            FieldClass::UserId => Cow::Owned(self.hash_user_id(value)),
            FieldClass::Text => Cow::Owned(format!("<redacted len={}>", value.chars().count())),
            FieldClass::Tensor => Cow::Owned(summarize_tensor(value)),
            FieldClass::Other => self.scrub_text(value),
        }
    }

    /// Whether a numeric field must be scrubbed (it is a user id); numbers elsewhere pass.
    pub fn is_sensitive_number(&self, name: &str) -> bool {
        FieldClass::of(name) == FieldClass::UserId
    }

    /// `uid:` + the first [`USER_HASH_HEX_LEN`] hex characters of SHA-256(pepper ‖ id).
    pub fn hash_user_id(&self, id: &str) -> String {
        let mut h = Sha256::new();
        h.update(&self.pepper);
        h.update(id.as_bytes());
        let digest = h.finalize();
        let mut out = String::with_capacity(4 + USER_HASH_HEX_LEN);
        out.push_str("uid:");
        out.push_str(&hex::encode(&digest[..USER_HASH_HEX_LEN / 2]));
        out
    }

    /// Masks e-mail addresses and IP addresses anywhere in free text.
    pub fn scrub_text<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let bytes = text.as_bytes();
        // Fast path: no byte an address needs.
        if memchr::memchr3(b'@', b'.', b':', bytes).is_none() {
            return Cow::Borrowed(text);
        }
        let maybe_email = memchr::memchr(b'@', bytes).is_some();
        let maybe_v4 = memchr::memchr(b'.', bytes).is_some();
        let maybe_v6 = memchr::memchr_iter(b':', bytes).nth(1).is_some();
        if !maybe_email && !maybe_v4 && !maybe_v6 {
            return Cow::Borrowed(text);
        }
        let mut s = Cow::Borrowed(text);
        if maybe_email {
            if let Some(out) = mask_emails(&s) {
                s = Cow::Owned(out);
            }
        }
        if maybe_v4 {
            if let Some(out) = mask_ipv4(&s) {
                s = Cow::Owned(out);
            }
        }
        if maybe_v6 {
            if let Some(out) = mask_ipv6(&s) {
                s = Cow::Owned(out);
            }
        }
        s
    }
}

/// `<tensor shape=[d0,d1,..] dtype=T>` for a value shaped like a nested list of numbers
/// (dtype `f32` when any element has a fraction or exponent, else `i64`); `<tensor len=N>` when
/// the shape cannot be read.
pub fn summarize_tensor(value: &str) -> String {
    match tensor_shape(value) {
        Some((shape, float)) => {
            let dims: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
            format!(
                "<tensor shape=[{}] dtype={}>",
                dims.join(","),
                if float { "f32" } else { "i64" }
            )
        }
        None => format!("<tensor len={}>", value.len()),
    }
}

/// Describes a tensor by shape and dtype without its values, e.g. for span attributes.
pub fn describe_tensor(shape: &[usize], dtype: &str) -> String {
    let dims: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
    format!("<tensor shape=[{}] dtype={}>", dims.join(","), dtype)
}

fn tensor_shape(value: &str) -> Option<(Vec<usize>, bool)> {
    let v: serde_json::Value = serde_json::from_str(value.trim()).ok()?;
    let mut shape = Vec::new();
    let mut cur = &v;
    while let serde_json::Value::Array(items) = cur {
        shape.push(items.len());
        match items.first() {
            Some(first) => cur = first,
            None => break,
        }
    }
    if shape.is_empty() {
        return None;
    }
    let float = value.contains(['.', 'e', 'E']);
    Some((shape, float))
}

/// How a field is scrubbed, decided by its name alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldClass {
    /// A user id ([`USER_ID_FIELDS`], the full name or its last `.` segment): hashed.
    UserId,
    /// User text ([`TEXT_FIELDS`], last segment): replaced by its length.
    Text,
    /// Tensor values ([`TENSOR_FIELDS`], last segment): replaced by shape and dtype.
    Tensor,
    /// Anything else: e-mail and IP addresses masked.
    Other,
}

impl FieldClass {
    /// The class of field `name` (ASCII case-insensitive).
    pub fn of(name: &str) -> Self {
        let lname = name.rsplit('.').next().unwrap_or(name);
        if is_one_of(name, USER_ID_FIELDS) || is_one_of(lname, USER_ID_FIELDS) {
            Self::UserId
        } else if is_one_of(lname, TEXT_FIELDS) {
            Self::Text
        } else if is_one_of(lname, TENSOR_FIELDS) {
            Self::Tensor
        } else {
            Self::Other
        }
    }

    /// [`FieldClass::of`] for a `tracing` field name, remembered per thread by the name's
    /// address (field names are `'static`, so an address always names the same text).
    pub fn of_static(name: &'static str) -> Self {
        const SLOTS: usize = 256;
        thread_local! {
            static CACHE: std::cell::RefCell<[(usize, usize, FieldClass); SLOTS]> =
                const { std::cell::RefCell::new([(0, 0, FieldClass::Other); SLOTS]) };
        }
        let key = name.as_ptr() as usize;
        let slot = (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 56) % SLOTS;
        CACHE.with(|c| {
            let mut c = c.borrow_mut();
            let (k, len, class) = c[slot];
            if k == key && len == name.len() && key != 0 {
                return class;
            }
            let class = Self::of(name);
            c[slot] = (key, name.len(), class);
            class
        })
    }
}

fn is_one_of(name: &str, set: &[&str]) -> bool {
    set.iter().any(|s| s.eq_ignore_ascii_case(name))
}

fn is_email_local(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-')
}

fn is_email_domain(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-')
}

/// What a matcher found at a position of the text.
enum Found {
    /// Replace `start..end` with `with`; scanning resumes at `end`.
    Replace {
        start: usize,
        end: usize,
        with: String,
    },
    /// Nothing here; scanning resumes at this index (at least one further).
    Skip(usize),
}

/// Scans `s` left to right, asking `find(bytes, i, last)` at every position (`last` is the end
/// of the previous replacement), and splices in the replacements. `None` when nothing matched.
fn splice(s: &str, mut find: impl FnMut(&[u8], usize, usize) -> Found) -> Option<String> {
    let b = s.as_bytes();
    let mut out = String::new();
    let mut last = 0;
    let mut i = 0;
    let mut changed = false;
    while i < b.len() {
        match find(b, i, last) {
            Found::Replace { start, end, with } => {
                out.push_str(&s[last..start]);
                out.push_str(&with);
                last = end;
                i = end;
                changed = true;
            }
            Found::Skip(next) => i = next.max(i + 1),
        }
    }
    if !changed {
        return None;
    }
    out.push_str(&s[last..]);
    Some(out)
}

fn mask_emails(s: &str) -> Option<String> {
    splice(s, |b, i, last| {
        if b[i] != b'@' {
            return Found::Skip(i + 1);
        }
        let mut start = i;
        while start > last && is_email_local(b[start - 1]) {
            start -= 1;
        }
        let mut end = i + 1;
        while end < b.len() && is_email_domain(b[end]) {
            end += 1;
        }
        // Trim trailing dots ("mail me at a@b.com.").
        while end > i + 1 && b[end - 1] == b'.' {
            end -= 1;
        }
        let domain = &s[i + 1..end];
        if start < i && domain.contains('.') && !domain.starts_with('.') {
            Found::Replace {
                start,
                end,
                with: EMAIL_REPLACEMENT.to_string(),
            }
        } else {
            Found::Skip(i + 1)
        }
    })
}

/// Parses `d{1,3}.d{1,3}.d{1,3}.d{1,3}` at `i`; returns the octets and the end index.
fn parse_v4_at(b: &[u8], i: usize) -> Option<([u8; 4], usize)> {
    let mut oct = [0u8; 4];
    let mut j = i;
    for (k, o) in oct.iter_mut().enumerate() {
        let start = j;
        let mut val: u32 = 0;
        while j < b.len() && b[j].is_ascii_digit() && j - start < 3 {
            val = val * 10 + u32::from(b[j] - b'0');
            j += 1;
        }
        if j == start || val > 255 {
            return None;
        }
        *o = u8::try_from(val).ok()?;
        if k < 3 {
            if j >= b.len() || b[j] != b'.' {
                return None;
            }
            j += 1;
        }
    }
    if j < b.len() && b[j].is_ascii_digit() {
        return None;
    }
    Some((oct, j))
}

fn mask_ipv4(s: &str) -> Option<String> {
    splice(s, |b, i, _| {
        let boundary = i == 0 || !(b[i - 1].is_ascii_digit() || b[i - 1] == b'.');
        match parse_v4_at(b, i).filter(|_| boundary && b[i].is_ascii_digit()) {
            Some((oct, end)) => Found::Replace {
                start: i,
                end,
                with: format!("{}.{}.0.0/16", oct[0], oct[1]),
            },
            None => Found::Skip(i + 1),
        }
    })
}

fn mask_ipv6(s: &str) -> Option<String> {
    let is_v6 = |c: u8| c.is_ascii_hexdigit() || c == b':' || c == b'.';
    splice(s, |b, i, _| {
        if !(is_v6(b[i]) && (i == 0 || !(b[i - 1].is_ascii_alphanumeric()))) {
            return Found::Skip(i + 1);
        }
        let mut end = i;
        while end < b.len() && is_v6(b[end]) {
            end += 1;
        }
        // The token may be followed by a letter (then it was a word, not an address).
        let token = &s[i..end];
        let word_follows = end < b.len() && b[end].is_ascii_alphanumeric();
        if !word_follows && token.matches(':').count() >= 2 {
            let trimmed = token.trim_end_matches(['.', ':']);
            if let Ok(addr) = trimmed.parse::<Ipv6Addr>() {
                return Found::Replace {
                    start: i,
                    end: i + trimmed.len(),
                    with: format!("{:x}::/16", addr.segments()[0]),
                };
            }
        }
        Found::Skip(end)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks() {
        let s = Scrubber::new("pepper");
        let out = s.scrub_text(
            "from 192.168.44.7:80 and 2001:db8:85a3::8a2e:370:7334 by bob.smith@example.com.",
        );
        assert_eq!(out, "from 192.168.0.0/16:80 and 2001::/16 by <email>.");
        assert_eq!(s.scrub_text("at 12:30:45 v1.2.3"), "at 12:30:45 v1.2.3");
        assert_eq!(s.scrub_field("prompt", "héllo"), "<redacted len=5>");
        assert_eq!(
            s.scrub_field("tensor", "[[1.0,2.0,3.0],[4.0,5.0,6.0]]"),
            "<tensor shape=[2,3] dtype=f32>"
        );
        let h = s.scrub_field("user_id", "alice");
        assert!(h.starts_with("uid:") && !h.contains("alice"));
        assert_eq!(h, s.hash_user_id("alice"));
        assert_ne!(h, Scrubber::new("other").hash_user_id("alice"));
    }
}
