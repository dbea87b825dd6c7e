#!/usr/bin/env bash
# Runs every test: formatting, unit tests, and the data layer's stories on SQLite and on
# PostgreSQL (127.0.0.1:5432, a new database per test, dropped afterwards).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

ensure_postgres
cargo fmt --all --check
cargo clippy --locked -p domain -p services --tests --features services/test-support -- -D warnings
cargo test --locked -p domain -p services --lib --tests
