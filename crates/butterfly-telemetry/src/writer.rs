//! Log lines written off the request path (the seed's "async log writing: non-blocking"): a line
//! is appended to a shared buffer, and a background thread writes the buffer out at most
//! [`FLUSH_EVERY`] after its first line, so a burst of lines costs one `write` system call instead
//! of one each (and an idle node no wake-ups). A thread that finds [`FLUSH_AT`] bytes pending
//! writes them itself, so memory stays bounded.
//! [`LineBuffer::flush`] writes what is pending (at exit, and before a panic message); lines are
//! never reordered, and a line is never split between two writes.

use std::io::{self, Write};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

/// How long a line waits at most before the background thread writes it: 50 ms.
pub const FLUSH_EVERY: Duration = Duration::from_millis(50);
/// Pending bytes past which the appending thread writes them itself: 64 KiB.
pub const FLUSH_AT: usize = 64 << 10;

/// A buffer of complete log lines in front of a writer (see the module docs).
pub struct LineBuffer {
    pending: Mutex<Vec<u8>>,
    /// Signalled when the first line arrives in an empty buffer.
    arrived: Condvar,
    /// The destination; also serializes writes, so lines keep their order.
    out: Mutex<Box<dyn Write + Send>>,
}

impl std::fmt::Debug for LineBuffer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pending = self.pending.lock().map(|p| p.len()).unwrap_or(0);
        f.debug_struct("LineBuffer")
            .field("pending_bytes", &pending)
            .finish()
    }
}

impl LineBuffer {
    /// A buffer in front of `out`; nothing flushes it until [`LineBuffer::spawn_flusher`] or
    /// [`LineBuffer::flush`].
    pub fn new(out: Box<dyn Write + Send>) -> Self {
        Self {
            pending: Mutex::new(Vec::with_capacity(FLUSH_AT)),
            arrived: Condvar::new(),
            out: Mutex::new(out),
        }
    }

    /// Appends one or more complete lines.
    pub fn append(&self, lines: &[u8]) {
        let (first, full) = {
            let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
            let first = pending.is_empty();
            pending.extend_from_slice(lines);
            (first, pending.len() >= FLUSH_AT)
        };
        if first {
            self.arrived.notify_one();
        }
        if full {
            self.flush();
        }
    }

    /// Writes every pending line now. A write error (e.g. a closed stderr) drops those lines:
    /// logging must not stop the node; the in-memory log buffer still has them.
    pub fn flush(&self) {
        let mut out = self.out.lock().unwrap_or_else(|e| e.into_inner());
        let batch = {
            let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
            if pending.is_empty() {
                return;
            }
            std::mem::replace(&mut *pending, Vec::with_capacity(FLUSH_AT))
        };
        let _ = out.write_all(&batch);
        let _ = out.flush();
    }

    /// [`LineBuffer::flush`] unless a lock is held (by this thread, if it panicked while writing
    /// a line): for the panic hook, which must not wait on itself.
    pub fn try_flush(&self) {
        let Ok(mut out) = self.out.try_lock() else {
            return;
        };
        let batch = match self.pending.try_lock() {
            Ok(mut pending) => std::mem::take(&mut *pending),
            Err(_) => return,
        };
        let _ = out.write_all(&batch);
        let _ = out.flush();
    }

    /// Starts the thread that writes lines [`FLUSH_EVERY`] after the first of a batch arrives
    /// (for a buffer that lives as long as the process). Fails only if the thread cannot be
    /// spawned.
    pub fn spawn_flusher(&'static self) -> io::Result<()> {
        std::thread::Builder::new()
            .name("log-flush".into())
            .spawn(move || loop {
                {
                    let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
                    while pending.is_empty() {
                        pending = self
                            .arrived
                            .wait(pending)
                            .unwrap_or_else(|e| e.into_inner());
                    }
                }
                std::thread::sleep(FLUSH_EVERY);
                self.flush();
            })
            .map(|_| ())
    }
}

/// An [`io::Write`] handle appending to a `'static` [`LineBuffer`]: what the layer's JSON writer
/// gets (`with_json_writer(move || Lines(buffer))`). Each `write` must hold whole lines, as the
/// layer's do.
#[derive(Debug, Clone, Copy)]
pub struct Lines(pub &'static LineBuffer);

impl Write for Lines {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.append(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    /// A destination that records each write separately.
    #[derive(Clone, Default)]
    struct Writes(Arc<Mutex<Vec<Vec<u8>>>>);

    impl Write for Writes {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if let Ok(mut w) = self.0.lock() {
                w.push(buf.to_vec());
            }
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn lines_are_batched_in_order_and_flushed_when_full() {
        let writes = Writes::default();
        let buffer: &'static LineBuffer =
            Box::leak(Box::new(LineBuffer::new(Box::new(writes.clone()))));
        let mut w = Lines(buffer);
        for i in 0..3 {
            writeln!(w, "line {i}").expect("write");
        }
        assert!(
            writes.0.lock().expect("lock").is_empty(),
            "nothing written yet"
        );
        buffer.flush();
        assert_eq!(
            writes.0.lock().expect("lock").concat(),
            b"line 0\nline 1\nline 2\n"
        );
        buffer.flush();
        assert_eq!(
            writes.0.lock().expect("lock").len(),
            1,
            "empty flush writes nothing"
        );
        // The panic hook's flush gives up rather than wait on a held lock.
        writeln!(w, "held").expect("write");
        {
            let _held = buffer.pending.lock().expect("lock");
            buffer.try_flush();
        }
        assert_eq!(writes.0.lock().expect("lock").len(), 1);
        buffer.try_flush();
        assert_eq!(writes.0.lock().expect("lock")[1], b"held\n");
        // Past FLUSH_AT the appending thread writes, in one piece.
        let line = vec![b'x'; 1000];
        for _ in 0..(FLUSH_AT / 1000 + 1) {
            w.write_all(&line).expect("write");
        }
        let all = writes.0.lock().expect("lock");
        assert_eq!(all.len(), 3);
        assert!(all[2].len() >= FLUSH_AT && all[2].len() % 1000 == 0);
    }

    #[test]
    fn the_flusher_writes_on_its_own() {
        let writes = Writes::default();
        let buffer: &'static LineBuffer =
            Box::leak(Box::new(LineBuffer::new(Box::new(writes.clone()))));
        buffer.spawn_flusher().expect("thread");
        Lines(buffer).write_all(b"hello\n").expect("write");
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while writes.0.lock().expect("lock").is_empty() {
            assert!(std::time::Instant::now() < deadline, "never flushed");
            std::thread::sleep(Duration::from_millis(10));
        }
        assert_eq!(writes.0.lock().expect("lock").concat(), b"hello\n");
    }
}
