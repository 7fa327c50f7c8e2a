//! Fuzz target: arbitrary bytes, if valid UTF-8, are checked as one `.bnd`
//! file. Any panic, stack overflow, hang (libFuzzer `-timeout`) or memory
//! blow-up (`-rss_limit_mb`) is a bug: `check_source` must end every input in
//! a report and an exit code.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = std::str::from_utf8(data) {
        let (_report, code) = bnd::check_source("fuzz.bnd", src, bnd::Format::Text);
        assert!(code <= 2, "exit code {code} out of range");
    }
});
