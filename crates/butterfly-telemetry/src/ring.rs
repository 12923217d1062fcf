//! The bounded FIFO under the span and log buffers: at most `capacity` records **and** at most
//! `max_bytes` bytes (each record's estimated size, [`ByteSize`]). A push past either bound
//! evicts the oldest records until both hold; a record larger than `max_bytes` on its own is not
//! kept. Every record not kept or evicted is counted in [`RingBuffer::dropped`].

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// The memory a record holds, bytes: its own size plus the text it owns (an estimate: allocator
/// overhead is not counted).
pub trait ByteSize {
    /// Estimated bytes.
    fn byte_size(&self) -> usize;
}

/// Bounded FIFO that evicts the oldest entries past its count or byte bound.
#[derive(Debug)]
pub struct RingBuffer<T> {
    capacity: usize,
    max_bytes: usize,
    items: Mutex<Ring<T>>,
    dropped: AtomicU64,
}

#[derive(Debug)]
struct Ring<T> {
    slots: VecDeque<T>,
    bytes: usize,
}

impl<T: Clone + ByteSize> RingBuffer<T> {
    /// A buffer of `capacity` records and no byte bound beyond `usize::MAX` (0 keeps nothing
    /// and counts every push as dropped).
    pub fn new(capacity: usize) -> Self {
        Self::with_bounds(capacity, usize::MAX)
    }

    /// A buffer of at most `capacity` records and `max_bytes` bytes.
    pub fn with_bounds(capacity: usize, max_bytes: usize) -> Self {
        Self {
            capacity,
            max_bytes,
            items: Mutex::new(Ring {
                slots: VecDeque::with_capacity(capacity.min(crate::DEFAULT_SPAN_BUFFER_CAPACITY)),
                bytes: 0,
            }),
            dropped: AtomicU64::new(0),
        }
    }

    /// Appends, evicting (and counting) the oldest records past a bound.
    #[inline]
    pub fn push(&self, item: T) {
        drop(self.insert(item));
    }

    /// Appends `*item`, leaving in `item` the first record it evicts (or `T::default()`), so the
    /// caller drops that outside the lock.
    #[inline]
    pub(crate) fn push_swap(&self, item: &mut T)
    where
        T: Default,
    {
        if let Some(old) = self.insert(std::mem::take(item)) {
            *item = old;
        }
    }

    /// Appends `item`; returns the first record evicted (any further ones are dropped here).
    #[inline]
    fn insert(&self, item: T) -> Option<T> {
        let size = item.byte_size();
        if self.capacity == 0 || size > self.max_bytes {
            self.dropped.fetch_add(1, Ordering::Relaxed);
            return Some(item);
        }
        let mut ring = self.items.lock().unwrap_or_else(|e| e.into_inner());
        let mut first = None;
        while ring.slots.len() >= self.capacity || ring.bytes.saturating_add(size) > self.max_bytes
        {
            let Some(old) = ring.slots.pop_front() else {
                break;
            };
            ring.bytes = ring.bytes.saturating_sub(old.byte_size());
            self.dropped.fetch_add(1, Ordering::Relaxed);
            if first.is_none() {
                first = Some(old);
            }
        }
        ring.bytes += size;
        ring.slots.push_back(item);
        first
    }

    /// Records evicted (or not kept) since creation.
    pub fn dropped(&self) -> u64 {
        self.dropped.load(Ordering::Relaxed)
    }

    /// Records held now.
    pub fn len(&self) -> usize {
        self.items
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .slots
            .len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Capacity, records.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Estimated bytes held now (never above [`RingBuffer::max_bytes`]).
    pub fn bytes(&self) -> usize {
        self.items.lock().unwrap_or_else(|e| e.into_inner()).bytes
    }

    /// The byte bound.
    pub fn max_bytes(&self) -> usize {
        self.max_bytes
    }

    /// The newest `limit` records matching `pred` (0: [`crate::DEFAULT_QUERY_LIMIT`]), oldest
    /// first.
    pub fn query(&self, limit: usize, pred: impl Fn(&T) -> bool) -> Vec<T> {
        let limit = if limit == 0 {
            crate::DEFAULT_QUERY_LIMIT
        } else {
            limit
        };
        let items = self.items.lock().unwrap_or_else(|e| e.into_inner());
        let mut out: Vec<T> = items
            .slots
            .iter()
            .rev()
            .filter(|t| pred(t))
            .take(limit)
            .cloned()
            .collect();
        out.reverse();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Default, Debug, PartialEq)]
    struct Blob(usize, Vec<u8>);

    impl ByteSize for Blob {
        fn byte_size(&self) -> usize {
            self.1.len()
        }
    }

    #[test]
    fn evicts_oldest_past_the_byte_bound_and_the_count() {
        let r = RingBuffer::with_bounds(10, 1000);
        for i in 0..5 {
            r.push(Blob(i, vec![0; 100]));
        }
        assert_eq!((r.len(), r.bytes(), r.dropped()), (5, 500, 0));
        // 700 more bytes: the two oldest go.
        r.push(Blob(5, vec![0; 700]));
        assert_eq!((r.len(), r.bytes(), r.dropped()), (4, 1000, 2));
        let kept: Vec<usize> = r.query(0, |_| true).iter().map(|b| b.0).collect();
        assert_eq!(kept, vec![2, 3, 4, 5]);
        // A record over the bound on its own is not kept.
        r.push(Blob(6, vec![0; 1001]));
        assert_eq!((r.len(), r.bytes(), r.dropped()), (4, 1000, 3));
        // The count bound still holds with small records; push_swap hands back the evicted one.
        for i in 0..20 {
            let mut b = Blob(100 + i, vec![0; 1]);
            r.push_swap(&mut b);
        }
        assert_eq!(r.len(), 10);
        assert!(r.bytes() <= 1000);
        let mut b = Blob(999, vec![]);
        r.push_swap(&mut b);
        assert_eq!(b.0, 110, "the oldest record is handed back");
        let empty = RingBuffer::<Blob>::with_bounds(0, 10);
        empty.push(Blob(0, vec![]));
        assert_eq!((empty.len(), empty.dropped()), (0, 1));
    }
}
