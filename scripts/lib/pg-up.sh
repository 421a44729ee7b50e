#!/usr/bin/env bash
# Start a throw-away PostgreSQL server for tests and print `export` lines for eval.
#
#   pg_env=$(scripts/lib/pg-up.sh) || exit 1
#   eval "$pg_env"
#   trap scripts/lib/pg-down.sh EXIT
#
# (Don't write `eval "$(scripts/lib/pg-up.sh)"` under `set -e`: eval of an empty string
#  succeeds, so a failed start would go unnoticed.)
set -euo pipefail

LOG_TAG=pg-up
# shellcheck source=scripts/lib/common.sh
. "$(dirname "$0")/common.sh"

usage() {
  cat <<'EOF'
Usage: scripts/lib/pg-up.sh [--help]

Starts a throw-away PostgreSQL server and prints, on stdout, lines for `eval`:
  export PGROOT=...  PGPORT=...  STATSHOST_TEST_PG=postgresql://postgres@127.0.0.1:PORT/statshost_test

The server:
  - lives in a new temp dir under $TMPDIR (or /tmp) with data/, logs and its Unix socket (-k);
    the dir is mode 755 and must be reachable by the server's user (when $TMPDIR is not, for
    example under /root, /tmp is used instead);
  - runs as a non-root user: as root, the 'postgres' system user (runuser); else the current user;
  - listens on 127.0.0.1 only, on the first free port from 55432 (it retries the next port when
    another process takes the port first, so several can start at once);
  - uses trust auth for user 'postgres', fsync=off, TimeZone=UTC, and has database statshost_test.

Stop it and remove the temp dir with scripts/lib/pg-down.sh (it reads $PGROOT).

Environment: PGBIN (server bin dir; default: newest /usr/lib/postgresql/*/bin),
STATSHOST_PG_PORT (use exactly this port), TMPDIR.
EOF
}

case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  "") ;;
  *) usage >&2; die "unknown argument: $1" ;;
esac

PGBIN=$(pg_bindir) || die "no PostgreSQL server binaries found (/usr/lib/postgresql/*/bin/initdb); install package 'postgresql' (scripts/setup does)"
[ -x "$PGBIN/pg_ctl" ] || die "$PGBIN/pg_ctl not found or not executable"

base=${TMPDIR:-/tmp}
[ -d "$base" ] || die "TMPDIR=$base is not a directory"
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || die "system user 'postgres' is missing (install package 'postgresql'); refusing to run the server as root"
  RUNAS=(runuser -u postgres --)
  owner=postgres
  # root creates the dir below and hands it over, so postgres only has to traverse $base.
  if ! runuser -u postgres -- test -x "$base"; then
    warn "user postgres cannot traverse $base; using /tmp instead"
    base=/tmp
  fi
else
  RUNAS=()
  owner=$(id -un)
fi

PGROOT=$(mktemp -d "$base/statshost-pg.XXXXXX") || die "cannot create a temp dir in $base"
case "$PGROOT" in
  *[[:space:]]*) rm -rf "$PGROOT"; die "temp dir path '$PGROOT' contains whitespace; set TMPDIR to a path without it" ;;
esac
started=
cleanup_on_failure() {
  local rc=$?
  if [ "$rc" != 0 ]; then
    if [ -n "$started" ]; then
      "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGROOT/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PGROOT"
  fi
}
trap cleanup_on_failure EXIT

chmod 755 "$PGROOT"
printf 'PGBIN=%s\nOWNER=%s\n' "$PGBIN" "$owner" >"$PGROOT/.statshost-pg"
[ "$owner" = postgres ] && chown postgres:postgres "$PGROOT"
cd "$PGROOT"   # the server user may not be allowed into the caller's directory

t0=$(now_ms)
if ! "${RUNAS[@]}" "$PGBIN/initdb" -D "$PGROOT/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
     >"$PGROOT/initdb.log" 2>&1; then
  cat "$PGROOT/initdb.log" >&2
  die "initdb failed (as $owner, in $PGROOT)"
fi

opts="-c listen_addresses=127.0.0.1 -k $PGROOT -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c TimeZone=UTC"
port=
next=55432
for attempt in $(seq 1 20); do
  if [ -n "${STATSHOST_PG_PORT:-}" ]; then
    try=$STATSHOST_PG_PORT
  else
    try=$(free_port "$next" 200) || die "no free TCP port on 127.0.0.1 in $next..$((next + 199))"
  fi
  : >"$PGROOT/server.log"
  [ "$owner" = postgres ] && chown postgres:postgres "$PGROOT/server.log"
  if "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 30 \
       -o "-p $try $opts" start >"$PGROOT/pg_ctl.log" 2>&1; then
    port=$try
    started=1
    break
  fi
  if [ -z "${STATSHOST_PG_PORT:-}" ] && grep -qiE 'could not (bind|create listen)|already in use' "$PGROOT/server.log"; then
    log "port $try was taken meanwhile (attempt $attempt); trying the next one"
    next=$((try + 1))
    continue
  fi
  cat "$PGROOT/pg_ctl.log" "$PGROOT/server.log" >&2
  die "PostgreSQL server did not start (port $try, data $PGROOT/data)"
done
[ -n "$port" ] || die "PostgreSQL server did not start after 20 attempts (ports kept being taken)"

if ! "$PGBIN/createdb" -h 127.0.0.1 -p "$port" -U postgres statshost_test 2>"$PGROOT/createdb.log"; then
  cat "$PGROOT/createdb.log" >&2
  die "createdb statshost_test failed on 127.0.0.1:$port"
fi

log "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') up on 127.0.0.1:$port as $owner, dir $PGROOT ($(fmt_ms $(( $(now_ms) - t0 ))))"
printf 'export PGROOT=%q\n' "$PGROOT"
printf 'export PGPORT=%q\n' "$port"
printf 'export STATSHOST_TEST_PG=%q\n' "postgresql://postgres@127.0.0.1:$port/statshost_test"
