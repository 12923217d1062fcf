//! The data plane's frames: a compute node decoding a request (binary header, traceparent,
//! tensor) and a coordinator decoding a reply (JSON header, tensor). Compiles the node's own
//! `frame.rs` (self-contained) rather than linking `butterfly-node`, whose jemalloc would replace
//! the address sanitizer's allocator.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../../crates/butterfly-node/src/frame.rs"]
mod frame;

fuzz_target!(|data: &[u8]| {
    let _ = frame::decode_frame(data);
    let _ = frame::decode_reply(data);
});
