//! Loki query answers (the `data` object), both directions.
#![no_main]
use butterfly_cli::sources::loki::{decode_query, Direction};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = decode_query(text, Direction::Backward);
        let _ = decode_query(text, Direction::Forward);
    }
});
