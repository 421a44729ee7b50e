#!/usr/bin/env bash
# Stop a server started by scripts/lib/pg-up.sh and remove its temp dir. Safe to call twice.
set -euo pipefail

LOG_TAG=pg-down
# shellcheck source=scripts/lib/common.sh
. "$(dirname "$0")/common.sh"

usage() {
  cat <<'EOF'
Usage: scripts/lib/pg-down.sh [PGROOT]

Stops the throw-away PostgreSQL server in PGROOT (default: $PGROOT, as exported by pg-up.sh)
with `pg_ctl -m immediate` and removes the directory. Does nothing when PGROOT is unset or
already gone. Refuses to remove a directory that pg-up.sh did not create.
EOF
}

case "${1:-}" in
  -h|--help) usage; exit 0 ;;
esac

root=${1:-${PGROOT:-}}
if [ -z "$root" ]; then
  log "PGROOT is not set: nothing to stop"
  exit 0
fi
if [ ! -e "$root" ]; then
  log "$root is already gone"
  exit 0
fi
marker=$root/.statshost-pg
[ -f "$marker" ] || die "$root was not made by pg-up.sh (no .statshost-pg in it); not touching it"

pgbin=''
owner=''
while IFS='=' read -r key value; do
  case "$key" in
    PGBIN) pgbin=$value ;;
    OWNER) owner=$value ;;
  esac
done <"$marker"
[ -n "$pgbin" ] || pgbin=$(pg_bindir) || die "no PostgreSQL binaries found to stop $root/data"

runas=()
if [ "$(id -u)" = 0 ] && [ -n "$owner" ] && [ "$owner" != root ]; then
  runas=(runuser -u "$owner" --)
fi

pidfile=$root/data/postmaster.pid
if [ -f "$pidfile" ]; then
  if ! (cd "$root" && "${runas[@]}" "$pgbin/pg_ctl" -D "$root/data" -m immediate -w -t 30 stop >/dev/null 2>&1); then
    pid=$(head -n 1 "$pidfile" 2>/dev/null || true)
    if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
      warn "pg_ctl stop failed; killing postmaster $pid"
      kill -KILL "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
  fi
fi
rm -rf "$root"
log "stopped and removed $root"
