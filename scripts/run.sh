#!/usr/bin/env bash
# Builds Scrutineer and serves it on http://127.0.0.1:3000 with SQLite (scrutineer.db in
# this directory, created and migrated on first start).
#
#   scripts/run.sh            build (debug) and serve
#   scripts/run.sh --demo     also load the demo data set first (once; prints passwords)
#   scripts/run.sh --release  an optimised build
#
# Settings come from the environment (see the table in docs/OPERATIONS.md), e.g. DATABASE_URL.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

demo=false
profile=()
for arg in "$@"; do
    case "$arg" in
        --demo) demo=true ;;
        --release) profile=(--release) ;;
        *) echo "unknown option: $arg (use --demo, --release)" >&2; exit 2 ;;
    esac
done

if [[ "${DATABASE_URL:-}" == postgres* ]]; then ensure_postgres; fi
build_site "${profile[@]}"
bin="target/$([ ${#profile[@]} -gt 0 ] && echo release || echo debug)/scrutineer"

if $demo; then
    "$bin" demo || echo "(The demo data was not loaded; see the message above.)"
fi
say "Serving Scrutineer on http://${SCRUTINEER_ADDR:-127.0.0.1:3000} (Ctrl-C to stop)"
exec "$bin" serve
