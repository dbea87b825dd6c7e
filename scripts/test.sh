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
# One test binary per crate, each running its tests at once. The server's tests each start
# a real server on their own tokio runtime; they once had to run one at a time, because a
# server starting (listing the app's routes, which switches resource loading off for the
# whole process: leptos-rs/leptos#4773) left another's page waiting for ever. The route
# list is now made once per process (`server::web::routes`), and they run together.
cargo test --locked -p domain -p services -p app -p server --lib --tests
# The map of the code (docs/ARCHITECTURE.md): places, doors, no import circles.
cargo test --locked -p tools --test map

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
