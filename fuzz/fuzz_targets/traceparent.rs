//! W3C `traceparent` (text, and the data plane's binary form) and `tracestate`.
#![no_main]
use butterfly_telemetry::trace_context::{TraceContext, TraceState};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = TraceContext::parse_traceparent_binary(data);
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = TraceContext::parse_traceparent(text);
        let _ = TraceState::parse(text);
    }
});
