#!/bin/sh
# Runs one fuzz target: `parse_file` (parse + lower + render diagnostics; fast)
# or `check_file` (the whole check of a file). Seeds (fuzz/seeds/TARGET,
# copied from theorems/**/*.bnd and tests/fail/*.bnd) are copied into the
# working corpus fuzz/corpus/TARGET, which libFuzzer grows and which is not
# committed.
# -detect_leaks=0: LeakSanitizer reports ~112 bytes of std::thread bookkeeping
# (Thread::new / __cxa_thread_atexit_impl) from the checker's worker threads,
# not a bnd bug; see tests/no_panic/README.md.
# Usage: fuzz/run.sh [TARGET] [SECONDS] [more libFuzzer flags]
#   (defaults: check_file, 900 s). Needs `cargo install cargo-fuzz`; on stable
#   Rust it runs through RUSTC_BOOTSTRAP=1. FUZZ_SANITIZER=none builds without
#   AddressSanitizer: several times faster; panics, stack overflows, hangs
#   and memory blow-ups are still caught.
set -eu
cd "$(dirname "$0")"
TARGET="${1:-check_file}"
SECONDS_TO_RUN="${2:-900}"
[ $# -ge 2 ] && shift 2 || shift $#
mkdir -p "corpus/$TARGET"
cp -n "seeds/$TARGET"/* "corpus/$TARGET/" 2>/dev/null || true
RUSTC_BOOTSTRAP=1 cargo fuzz run -s "${FUZZ_SANITIZER:-address}" "$TARGET" "corpus/$TARGET" -- \
    -max_total_time="$SECONDS_TO_RUN" -timeout=10 -rss_limit_mb=4096 -detect_leaks=0 "$@"
