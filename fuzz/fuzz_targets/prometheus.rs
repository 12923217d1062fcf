//! Prometheus answers: query data, points, values, timestamps and exemplars.
#![no_main]
use butterfly_cli::sources::prometheus as p;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = p::decode_query_data(text);
        let _ = p::decode_point(text);
        let _ = p::decode_exemplars(text);
        let _ = p::parse_value(text);
        let _ = p::parse_timestamp_ms(text);
        let _ = butterfly_cli::sources::parse_decimal_seconds(text, 3);
    }
});
