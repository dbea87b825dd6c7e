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
cargo clippy --locked -p domain -p services -p app -p server --tests --features services/test-support -- -D warnings
cargo clippy --locked -p frontend --target wasm32-unknown-unknown -- -D warnings

say "Unit, integration and HTTP tests"
cargo test --locked -p domain -p services -p app -p server --lib --tests

build_site
say "Browser tests"
(cd end2end && npm test)

say "All tests passed in $((SECONDS - started)) s"
