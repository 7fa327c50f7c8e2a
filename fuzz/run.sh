#!/bin/sh
# Runs the `check_file` fuzz target. Seeds (fuzz/seeds/check_file, copied from
# theorems/**/*.bnd and tests/fail/*.bnd) are copied into the working corpus
# fuzz/corpus/check_file, which libFuzzer grows and which is not committed.
# -detect_leaks=0: LeakSanitizer reports ~112 bytes of std::thread bookkeeping
# (Thread::new / __cxa_thread_atexit_impl) from the checker's worker threads,
# not a bnd bug; see tests/bad_inputs/crashes/README.md.
# Usage: fuzz/run.sh [SECONDS]   (default 900). Needs `cargo install cargo-fuzz`.
set -eu
cd "$(dirname "$0")"
SECONDS_TO_RUN="${1:-900}"
mkdir -p corpus/check_file
cp -n seeds/check_file/* corpus/check_file/ 2>/dev/null || true
RUSTC_BOOTSTRAP=1 cargo fuzz run check_file corpus/check_file -- \
    -max_total_time="$SECONDS_TO_RUN" -timeout=10 -rss_limit_mb=4096 -detect_leaks=0
