//! Jaeger answers: api_v3 (OTLP JSON) and the legacy UI API.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(spans) = butterfly_cli::sources::jaeger::decode_otlp_traces(data) {
        let _ = butterfly_cli::trace::assemble(spans);
    }
    if let Ok(spans) = butterfly_cli::sources::jaeger::decode_legacy_traces(data) {
        let _ = butterfly_cli::trace::assemble(spans);
    }
});
