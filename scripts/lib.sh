# Shared by scripts/run.sh and scripts/test.sh: install what is missing, skip what is there.
# Versions are pinned here and in the lock files; nothing is fetched at run time.

CARGO_LEPTOS_VERSION=0.3.10

say() { printf '\n==> %s\n' "$*"; }

# The wasm-bindgen CLI must be exactly the version of the crate in Cargo.lock.
wasm_bindgen_version() {
    awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock
}

ensure_postgres() {
    if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
        say "Starting PostgreSQL"
        pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
        for _ in $(seq 1 30); do
            pg_isready -q -h 127.0.0.1 -p 5432 && return 0
            sleep 1
        done
        echo "PostgreSQL did not start at 127.0.0.1:5432" >&2
        return 1
    fi
}

ensure_rust_tools() {
    ensure_openssl
    if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
        say "Adding the wasm32-unknown-unknown target"
        rustup target add wasm32-unknown-unknown
    fi
    if ! cargo leptos --version 2>/dev/null | grep -q " ${CARGO_LEPTOS_VERSION}\$"; then
        say "Installing cargo-leptos ${CARGO_LEPTOS_VERSION} (about 15 minutes, once per machine)"
        cargo install "cargo-leptos@${CARGO_LEPTOS_VERSION}" --locked
    fi
    local bindgen
    bindgen="$(wasm_bindgen_version)"
    if ! wasm-bindgen --version 2>/dev/null | grep -q " ${bindgen}\$"; then
        say "Installing wasm-bindgen-cli ${bindgen} (about 5 minutes, once per machine)"
        # Not --locked: its lock file names a webpki-roots the registry here does not serve.
        cargo install wasm-bindgen-cli --version "${bindgen}"
    fi
}

# npm packages, exactly as package-lock.json pins them; skipped when already installed.
ensure_npm() {
    local dir="$1"
    if [ ! -f "$dir/node_modules/.package-lock.json" ] ||
        [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
        say "Installing npm packages in $dir"
        (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    fi
}

# OpenSSL's headers, for TLS to the SMTP server that sends reminders (lettre, native-tls).
ensure_openssl() {
    if ! pkg-config --exists openssl 2>/dev/null; then
        say "Installing Debian's libssl-dev and pkg-config"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libssl-dev pkg-config >/dev/null
    fi
}

ensure_chromium() {
    if [ ! -x /usr/bin/chromium ]; then
        say "Installing Debian's chromium"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    fi
}

# GOV.UK Frontend's Sass, compiled by npm's sass into the plain CSS cargo-leptos reads.
build_style() {
    ensure_npm style
    (cd style && npm run --silent build)
}

# The site (wasm, JS, CSS under target/site) and the server binary. wasm-opt (release
# builds) comes from npm's binaryen under style/, found first on PATH so that cargo-leptos
# never tries to download one.
build_site() {
    ensure_rust_tools
    build_style
    export PATH="$PWD/style/node_modules/.bin:$PATH"
    say "Building Scrutineer ($*)"
    cargo leptos build "$@"
    # gzip and brotli copies of the wasm, JavaScript and CSS, sent as they are.
    local profile=debug
    for arg in "$@"; do [ "$arg" = --release ] && profile=release; done
    "target/$profile/scrutineer" precompress target/site/pkg >/dev/null
}
