//! PII scrubbing applied to every log field, log message and span attribute before it is
//! written, buffered or exported.
//!
//! * user ids (fields in [`USER_ID_FIELDS`]) → `uid:` + first 16 hex of HMAC-SHA256 keyed by the
//!   pepper;
//! * input text (fields in [`TEXT_FIELDS`]) → `<redacted len=N>` (N in characters);
//! * tensors (fields in [`TENSOR_FIELDS`]) → `<tensor shape=[..] dtype=..>`;
//! * anywhere in any string: e-mail addresses → [`EMAIL_REPLACEMENT`], IPv4 → `a.b.0.0/16`,
//!   IPv6 → `xxxx::/16`.

use std::borrow::Cow;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::sync::LazyLock;

use hmac::{Hmac, Mac};
use regex::Regex;
use sha2::Sha256;

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
    /// HMAC-SHA256 keyed by the pepper (cloned for each user id).
    mac: Hmac<Sha256>,
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
        let pepper: Vec<u8> = pepper.into();
        // HMAC takes a key of any length (longer keys are hashed first), so this never fails.
        let mac = Hmac::<Sha256>::new_from_slice(&pepper)
            .unwrap_or_else(|_| unreachable!("HMAC accepts any key length"));
        Self { mac }
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

    /// `uid:` + the first [`USER_HASH_HEX_LEN`] hex characters of HMAC-SHA256(pepper, id).
    pub fn hash_user_id(&self, id: &str) -> String {
        let mut mac = self.mac.clone();
        mac.update(id.as_bytes());
        let digest = mac.finalize().into_bytes();
        let mut out = String::with_capacity(4 + USER_HASH_HEX_LEN);
        out.push_str("uid:");
        out.push_str(&hex::encode(&digest[..USER_HASH_HEX_LEN / 2]));
        out
    }

    /// Masks e-mail addresses and IP addresses anywhere in free text.
    pub fn scrub_text<'a>(&self, text: &'a str) -> Cow<'a, str> {
        // Fast path: no byte an address needs.
        if !text.bytes().any(|b| matches!(b, b'@' | b'.' | b':')) {
            return Cow::Borrowed(text);
        }
        let mut s = Cow::Borrowed(text);
        if s.contains('@') {
            if let Some(out) = mask_emails(&s) {
                s = Cow::Owned(out);
            }
        }
        if s.contains('.') {
            if let Some(out) = mask_ipv4(&s) {
                s = Cow::Owned(out);
            }
        }
        if s.matches(':').nth(1).is_some() {
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

/// Compiles a pattern written in this file.
fn pattern(re: &str) -> Regex {
    Regex::new(re).unwrap_or_else(|e| unreachable!("built-in pattern {re:?}: {e}"))
}

/// An e-mail address: local part, `@`, a domain with at least one dot.
static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"));
/// Something shaped like a dotted IPv4 address (checked with [`Ipv4Addr`]).
static IPV4: LazyLock<Regex> = LazyLock::new(|| pattern(r"[0-9]{1,3}(?:\.[0-9]{1,3}){3}"));
/// A run of characters an IPv6 address is made of (checked with [`Ipv6Addr`]).
static IPV6: LazyLock<Regex> = LazyLock::new(|| pattern(r"[0-9A-Fa-f:.]+"));

/// `s` with every accepted match of `re` replaced: `replace(text, start, end)` gives the
/// replacement and how much of the match it covers, or `None` to keep the match. `None` when
/// nothing was replaced.
fn replace_matches(
    s: &str,
    re: &Regex,
    mut replace: impl FnMut(&str, usize, usize) -> Option<(usize, String)>,
) -> Option<String> {
    let mut out = String::new();
    let mut last = 0;
    let mut changed = false;
    for m in re.find_iter(s) {
        if let Some((end, with)) = replace(s, m.start(), m.end()) {
            out.push_str(&s[last..m.start()]);
            out.push_str(&with);
            last = end;
            changed = true;
        }
    }
    if !changed {
        return None;
    }
    out.push_str(&s[last..]);
    Some(out)
}

fn mask_emails(s: &str) -> Option<String> {
    replace_matches(s, &EMAIL, |_, _, end| {
        Some((end, EMAIL_REPLACEMENT.to_string()))
    })
}

/// Dotted IPv4 addresses not inside a longer run of digits and dots → `a.b.0.0/16`.
fn mask_ipv4(s: &str) -> Option<String> {
    let b = s.as_bytes();
    replace_matches(s, &IPV4, |s, start, end| {
        let before = start.checked_sub(1).map(|i| b[i]);
        if before.is_some_and(|c| c.is_ascii_digit() || c == b'.')
            || b.get(end).is_some_and(u8::is_ascii_digit)
        {
            return None;
        }
        let addr: Ipv4Addr = s[start..end].parse().ok()?;
        let [a, b, ..] = addr.octets();
        Some((end, format!("{a}.{b}.0.0/16")))
    })
}

/// IPv6 addresses standing as words of their own → `xxxx::/16`.
fn mask_ipv6(s: &str) -> Option<String> {
    let b = s.as_bytes();
    replace_matches(s, &IPV6, |s, start, end| {
        let word_before = start
            .checked_sub(1)
            .is_some_and(|i| b[i].is_ascii_alphanumeric());
        let word_after = b.get(end).is_some_and(u8::is_ascii_alphanumeric);
        if word_before || word_after {
            return None;
        }
        let token = s[start..end].trim_end_matches(['.', ':']);
        if token.matches(':').count() < 2 {
            return None;
        }
        let addr: Ipv6Addr = token.parse().ok()?;
        Some((
            start + token.len(),
            format!("{:x}::/16", addr.segments()[0]),
        ))
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
