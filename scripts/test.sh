#!/usr/bin/env bash
# Runs every test: formatting and lints; unit tests; the data layer's stories on SQLite and
# on PostgreSQL (127.0.0.1:5432, a new database per test, dropped afterwards); the server's
# HTTP and access-control tests; and the browser tests in end2end/ (Debian's chromium,
# driven by playwright-core, against the real server on a fresh SQLite database).
# Installs what is missing first, and skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

started=$SECONDS
ensure_postgres
ensure_rust_tools
ensure_chromium
ensure_npm end2end

say "Formatting and lints"
cargo fmt --all --check
cargo clippy --locked -p domain -p services -p app -p server -p tools --tests --features services/test-support -- -D warnings

say "Unit, integration and HTTP tests"
cargo test --locked -p domain -p services -p app --lib --tests
# The server's tests each start a real server on their own tokio runtime. Several of them
# at once in one process (cargo's default) now and then left a page request unanswered
# (about one run in four of the access tests; 2 in 3 with the tests' one-connection pools on
# 2026-11-28); one at a time, never. One server process has one runtime, and a mixed load
# of pages and server functions on one runtime never hung either; in production any
# response now ends at the request deadline with a logged incident (docs/CONTRIBUTING.md, "Build notes").
# So each test binary runs in a process of its own, all at once, and within each one test
# at a time: never two servers' runtimes in one process, and the 2 cores both busy.
cargo test --locked -p server --lib --tests --no-run
server_tests=(--lib "--test access" "--test http" "--test cli")
pids=()
for target in "${server_tests[@]}"; do
    log="target/server-tests-${target//[^a-z]/}.log"
    # shellcheck disable=SC2086 # the target is two words on purpose
    cargo test --locked -p server $target -- --test-threads=1 >"$log" 2>&1 &
    pids+=("$!")
done
failed=0
for i in "${!pids[@]}"; do
    target=${server_tests[$i]}
    log="target/server-tests-${target//[^a-z]/}.log"
    if wait "${pids[$i]}"; then
        grep -E '^test result:' "$log" | sed "s/^/server $target: /"
    else
        failed=1
        cat "$log"
    fi
done
if [ "$failed" -ne 0 ]; then
    echo "The server's tests failed (above)." >&2
    exit 1
fi

# The wasm build is not linted by clippy (a second pass over every dependency for wasm32
# costs minutes); instead any compiler warning in it fails the run.
build_site 2>&1 | tee target/site-build.log
if grep -E '^warning: ' target/site-build.log; then
    echo "The site build has warnings (above)." >&2
    exit 1
fi
say "Browser tests"
(cd end2end && npm test)

say "All tests passed in $((SECONDS - started)) s"
