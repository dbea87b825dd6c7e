# Shared by scripts/run.sh and scripts/test.sh: install what is missing, skip what is there.
# Versions are pinned here and in the lock files; nothing is fetched at run time.

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

# GOV.UK Frontend's Sass, compiled by npm's sass into style/main.css.
build_style() {
    ensure_npm style
    (cd style && npm run --silent build)
}

# The site and the server binary, built by cargo, wasm-bindgen and a few lines of shell
# (docs/decisions/0004-building-without-cargo-leptos.md says why not cargo-leptos):
#
# - the server binary, target/<profile>/scrutineer (the same crates `cargo test` builds);
# - the islands' wasm (the `frontend` crate for wasm32), bound to JavaScript by
#   wasm-bindgen, and for --release made smaller by wasm-opt (npm's binaryen under style/:
#   Debian's makes wasm that does not hydrate);
# - the stylesheet;
# - each of the three files named after a hash of its content, recorded in hash.txt beside
#   the binary, where Leptos looks for the names to put in pages (server/src/assets.rs);
# - gzip and brotli copies of them, sent as they are (`scrutineer precompress`).
build_site() {
    ensure_rust_tools
    build_style
    local release=false
    for arg in "$@"; do [ "$arg" = --release ] && release=true; done
    local bin_dir=target/debug wasm_dir=target/wasm32-unknown-unknown/debug
    local bin_profile=() wasm_profile=()
    if $release; then
        bin_dir=target/release wasm_dir=target/wasm32-unknown-unknown/wasm-release
        bin_profile=(--release) wasm_profile=(--profile wasm-release)
    fi
    say "Building Scrutineer ($($release && echo release || echo debug))"
    cargo build --locked -p server --bin scrutineer "${bin_profile[@]}"
    cargo build --locked -p frontend --lib --target wasm32-unknown-unknown "${wasm_profile[@]}"

    local pkg=target/site/pkg
    rm -rf "$pkg"
    mkdir -p "$pkg"
    wasm-bindgen --target web --out-name scrutineer --out-dir "$pkg" "$wasm_dir/frontend.wasm"
    mv "$pkg/scrutineer_bg.wasm" "$pkg/scrutineer.wasm"
    rm -f "$pkg"/*.d.ts
    if $release; then
        PATH="$PWD/style/node_modules/.bin:$PATH" wasm-opt -Oz --enable-bulk-memory \
            --enable-nontrapping-float-to-int "$pkg/scrutineer.wasm" -o "$pkg/scrutineer.wasm"
    fi
    cp style/main.css "$pkg/scrutineer.css"

    local hashes="" kind hash
    for kind in js wasm css; do
        hash="$(sha256sum "$pkg/scrutineer.$kind" | cut -c1-20)"
        mv "$pkg/scrutineer.$kind" "$pkg/scrutineer.$hash.$kind"
        hashes+="$kind: $hash"$'\n'
    done
    printf '%s' "$hashes" > "$bin_dir/hash.txt"
    "$bin_dir/scrutineer" precompress "$pkg" >/dev/null
}
