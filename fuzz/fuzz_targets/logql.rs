//! The LogQL subset the nodes' buffers understand.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(q) = std::str::from_utf8(data) {
        let _ = butterfly_cli::logs::LogFilter::parse(q);
    }
});
