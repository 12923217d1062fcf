//! Label cardinality caps: the first `max` distinct values of a label pass through, every later
//! new value folds into [`OTHER_LABEL_VALUE`].

use std::collections::HashSet;
use std::sync::RwLock;

/// Label value that replaces values over a cap.
pub const OTHER_LABEL_VALUE: &str = "other";
/// Distinct node ids per metric family (seed: 1000).
pub const MAX_NODE_IDS: usize = 1000;
/// Distinct layer ids per metric family (seed: 200).
pub const MAX_LAYER_IDS: usize = 200;
/// Distinct error (and fault) types per metric family (seed: 50).
pub const MAX_ERROR_TYPES: usize = 50;
/// Distinct model names per metric family.
pub const MAX_MODELS: usize = 100;
/// Distinct request statuses per metric family.
pub const MAX_STATUSES: usize = 16;
/// Longest label value kept, bytes; longer values are treated as a new value and truncated.
pub const MAX_LABEL_VALUE_LEN: usize = 128;

/// Admits at most `max` distinct label values; thread-safe, read-mostly.
#[derive(Debug)]
pub struct LabelCapper {
    max: usize,
    seen: RwLock<HashSet<String>>,
}

impl LabelCapper {
    /// A capper admitting `max` distinct values.
    pub fn new(max: usize) -> Self {
        Self {
            max,
            seen: RwLock::new(HashSet::new()),
        }
    }

    /// The label value to use for `value`: itself if already admitted or there is room,
    /// otherwise [`OTHER_LABEL_VALUE`]. Values longer than [`MAX_LABEL_VALUE_LEN`] are cut.
    pub fn cap(&self, value: &str) -> String {
        let value = truncate(value, MAX_LABEL_VALUE_LEN);
        {
            let seen = self.seen.read().unwrap_or_else(|e| e.into_inner());
            if seen.contains(value) {
                return value.to_owned();
            }
            if seen.len() >= self.max {
                return OTHER_LABEL_VALUE.to_owned();
            }
        }
        let mut seen = self.seen.write().unwrap_or_else(|e| e.into_inner());
        if seen.contains(value) || seen.len() < self.max {
            seen.insert(value.to_owned());
            value.to_owned()
        } else {
            OTHER_LABEL_VALUE.to_owned()
        }
    }

    /// Distinct values admitted so far (at most the cap).
    pub fn admitted(&self) -> usize {
        self.seen.read().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// The cap.
    pub fn max(&self) -> usize {
        self.max
    }
}

fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_over_cap() {
        let c = LabelCapper::new(2);
        assert_eq!(c.cap("a"), "a");
        assert_eq!(c.cap("b"), "b");
        assert_eq!(c.cap("c"), OTHER_LABEL_VALUE);
        assert_eq!(c.cap("a"), "a");
        assert_eq!(c.admitted(), 2);
    }
}
