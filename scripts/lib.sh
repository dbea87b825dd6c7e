# Shared by scripts/run.sh and scripts/test.sh: install what is missing, skip what is there.

ensure_postgres() {
    if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
        echo "Starting PostgreSQL…"
        pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
        for _ in $(seq 1 30); do
            pg_isready -q -h 127.0.0.1 -p 5432 && return 0
            sleep 1
        done
        echo "PostgreSQL did not start at 127.0.0.1:5432" >&2
        return 1
    fi
}
