//! Fuzz target: arbitrary bytes, if valid UTF-8, are parsed and lowered as
//! one `.bnd` file and every diagnostic is rendered, without deciding claims.
//! Far faster per input than `check_file`, so it is the one that reaches
//! millions of executions. Any panic, stack overflow, hang or memory blow-up
//! is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = std::str::from_utf8(data) {
        let (count, text) = bnd::harness::parse_and_lower("fuzz.bnd", src);
        assert!(count == 0 || text.contains("error: "));
    }
});
