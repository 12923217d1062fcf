//! Value types of span and log records: short strings held inline ([`SharedStr`]), attribute
//! values kept typed until read ([`AttrValue`]).

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use smol_str::SmolStr;

/// Longest string attribute value or log field kept in a span or log record, bytes: 4 KiB
/// (longer values are cut at a character boundary and end in `…`), so a peer cannot grow the
/// buffers with one huge value.
pub const MAX_ATTR_VALUE_BYTES: usize = 4 << 10;
/// Longest log message kept, bytes: 16 KiB (cut like attribute values).
pub const MAX_MESSAGE_BYTES: usize = 16 << 10;

/// `s` cut to at most `max` bytes at a character boundary, with `…` appended when cut.
pub fn cap_text(s: &str, max: usize) -> Cow<'_, str> {
    if s.len() <= max {
        return Cow::Borrowed(s);
    }
    let mut end = max.saturating_sub('…'.len_utf8());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    Cow::Owned(format!("{}…", &s[..end]))
}

/// An immutable, cheaply cloned string ([`SmolStr`]): inline when it is at most
/// [`SHARED_INLINE_BYTES`] bytes (request ids, node ids: cloning or dropping one touches no
/// shared memory, and making one allocates nothing), else an `Arc<str>`, or a `&'static str`.
/// Used for node ids, request ids and components, which every child span and log entry inherits.
#[derive(Clone, Default)]
pub struct SharedStr(SmolStr);

/// Bytes a [`SharedStr`] holds inline.
pub const SHARED_INLINE_BYTES: usize = SmolStr::INLINE_CAP;

impl SharedStr {
    /// The empty string.
    pub const fn empty() -> Self {
        Self(SmolStr::new_inline(""))
    }

    /// A static string, without an allocation (e.g. a component name).
    pub const fn from_static(s: &'static str) -> Self {
        Self(SmolStr::new_static(s))
    }

    /// The text.
    #[inline]
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// True when the text is held inline or is static (no allocation).
    pub fn is_inline(&self) -> bool {
        !self.0.is_heap_allocated()
    }
}

impl Deref for SharedStr {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for SharedStr {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for SharedStr {
    #[inline]
    fn from(s: &str) -> Self {
        Self(SmolStr::new(s))
    }
}

impl From<String> for SharedStr {
    fn from(s: String) -> Self {
        Self(SmolStr::from(s))
    }
}

impl From<Cow<'_, str>> for SharedStr {
    #[inline]
    fn from(s: Cow<'_, str>) -> Self {
        match s {
            Cow::Borrowed(b) => Self::from(b),
            Cow::Owned(o) => Self::from(o),
        }
    }
}

impl From<Arc<str>> for SharedStr {
    fn from(s: Arc<str>) -> Self {
        Self(SmolStr::from(s))
    }
}

impl From<SmolStr> for SharedStr {
    fn from(s: SmolStr) -> Self {
        Self(s)
    }
}

/// `value`'s `Display` text: inline (no allocation) when it fits.
pub(crate) fn display_text(value: &impl fmt::Display) -> SharedStr {
    SharedStr(smol_str::format_smolstr!("{value}"))
}

impl PartialEq for SharedStr {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SharedStr {}

impl std::hash::Hash for SharedStr {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialEq<str> for SharedStr {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SharedStr {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for SharedStr {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl fmt::Display for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// `[rows, cols]`: the `tensor.shape` text of a 2-D tensor, as `format!("[{rows}, {cols}]")` writes
/// it, but inline (no allocation). Record it as a `&str` field.
pub fn tensor_shape_2d(rows: usize, cols: usize) -> SharedStr {
    display_text(&format_args!("[{rows}, {cols}]"))
}

/// A span attribute value, kept as recorded (numbers stay numbers) and rendered to text only
/// when read. Its `Display` form is what the debug service and the exporters show.
#[derive(Clone, Debug)]
pub enum AttrValue {
    /// Text, already scrubbed (inline when short; shared, not copied, when cloned).
    Str(SharedStr),
    /// Signed integer.
    I64(i64),
    /// Unsigned integer.
    U64(u64),
    /// Float.
    F64(f64),
    /// Boolean.
    Bool(bool),
}

impl AttrValue {
    /// The text of a text value; `None` for numbers and booleans.
    pub fn text(&self) -> Option<&str> {
        match self {
            Self::Str(s) => Some(s.as_str()),
            _ => None,
        }
    }
}

impl PartialEq for AttrValue {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::I64(a), Self::I64(b)) => a == b,
            (Self::U64(a), Self::U64(b)) => a == b,
            (Self::F64(a), Self::F64(b)) => a == b,
            (Self::Bool(a), Self::Bool(b)) => a == b,
            (Self::Str(a), Self::Str(b)) => a == b,
            _ => false,
        }
    }
}

impl fmt::Display for AttrValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Str(s) => f.write_str(s),
            Self::I64(v) => fmt::Display::fmt(v, f),
            Self::U64(v) => fmt::Display::fmt(v, f),
            Self::F64(v) => fmt::Display::fmt(v, f),
            Self::Bool(v) => fmt::Display::fmt(v, f),
        }
    }
}

impl From<&str> for AttrValue {
    fn from(s: &str) -> Self {
        Self::Str(SharedStr::from(s))
    }
}

impl From<String> for AttrValue {
    fn from(s: String) -> Self {
        Self::Str(SharedStr::from(s))
    }
}

impl PartialEq<&str> for AttrValue {
    /// Compares the text form (`AttrValue::U64(3) == "3"`).
    fn eq(&self, other: &&str) -> bool {
        match self.text() {
            Some(s) => s == *other,
            None => display_text(self).as_str() == *other,
        }
    }
}

/// `bytes` as a lowercase hex `String` (`hex::encode`).
pub fn encode_hex(bytes: &[u8]) -> String {
    hex::encode(bytes)
}

#[cfg(test)]
mod tests {
    #[test]
    fn long_text_is_capped_at_a_character_boundary() {
        assert_eq!(cap_text("short", 10), "short");
        let long = "é".repeat(3000); // 6000 bytes
        let c = cap_text(&long, MAX_ATTR_VALUE_BYTES);
        assert!(c.len() <= MAX_ATTR_VALUE_BYTES, "{}", c.len());
        assert!(c.ends_with('…'));
    }

    use super::*;

    #[test]
    fn shared_str_every_form() {
        let long = "x".repeat(SHARED_INLINE_BYTES + 1);
        for (v, text) in [
            (SharedStr::empty(), ""),
            (SharedStr::from(""), ""),
            (SharedStr::from_static("compute"), "compute"),
            (SharedStr::from("req_0123456789ab"), "req_0123456789ab"),
            (
                SharedStr::from(String::from("req_0123456789ab")),
                "req_0123456789ab",
            ),
            (SharedStr::from(long.as_str()), long.as_str()),
            (SharedStr::from(long.clone()), long.as_str()),
            (SharedStr::from(Arc::<str>::from("n1")), "n1"),
        ] {
            assert_eq!(v.as_str(), text);
            assert_eq!(v.clone().as_str(), text);
            assert_eq!(v, SharedStr::from(text));
        }
        // Up to SHARED_INLINE_BYTES inline (also multi-byte text), longer on the heap.
        let fits = "ü".repeat(SHARED_INLINE_BYTES / 2);
        for s in [
            "req_0123456789ab",
            fits.as_str(),
            &"x".repeat(SHARED_INLINE_BYTES),
        ] {
            assert!(SharedStr::from(s).is_inline(), "{s}");
            assert!(SharedStr::from(s.to_string()).is_inline(), "{s}");
        }
        let over = "x".repeat(SHARED_INLINE_BYTES + 1);
        assert!(!SharedStr::from(over.as_str()).is_inline());
        assert_eq!(SharedStr::from(over.as_str()), over.as_str());
    }

    #[test]
    fn display_text_inline_then_heap() {
        let short = display_text(&format_args!("[1, {}]", 64));
        assert_eq!(short.as_str(), "[1, 64]");
        assert!(short.is_inline());
        let long = display_text(&format_args!("[1, 64] and a much longer tail that spills"));
        assert_eq!(long.as_str(), "[1, 64] and a much longer tail that spills");
        assert!(!long.is_inline());
        assert_eq!(display_text(&"héllo wörld ✓ü").as_str(), "héllo wörld ✓ü");
    }

    #[test]
    fn tensor_shape_matches_format() {
        for (r, c) in [
            (1, 64),
            (0, 0),
            (1, 7),
            (12, 1_000_000),
            (usize::MAX, usize::MAX),
        ] {
            assert_eq!(tensor_shape_2d(r, c).as_str(), format!("[{r}, {c}]"));
        }
        assert!(tensor_shape_2d(1, 4096).is_inline());
    }

    #[test]
    fn shared_str_compares_as_text() {
        assert_eq!(SharedStr::from(""), SharedStr::default());
        assert_eq!(SharedStr::from("req-9"), "req-9");
        assert!(SharedStr::default().is_empty());
        assert_eq!(SharedStr::from(String::from("a")).to_string(), "a");
    }

    #[test]
    fn attr_values_render_like_to_string() {
        assert_eq!(AttrValue::U64(12).to_string(), 12u64.to_string());
        assert_eq!(AttrValue::I64(-3).to_string(), (-3i64).to_string());
        assert_eq!(AttrValue::F64(0.5).to_string(), 0.5f64.to_string());
        assert_eq!(AttrValue::Bool(true).to_string(), "true");
        assert_eq!(AttrValue::from("x"), "x");
        assert_eq!(AttrValue::U64(3), "3");
    }
}
