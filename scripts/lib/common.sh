# shellcheck shell=bash
# Shared helpers for scripts/setup, scripts/test, scripts/run and scripts/lib/pg-*.sh.
# Source it; it defines functions only (plus STATSHOST_ROOT) and changes no shell options.
#
# Every message goes to stderr, so scripts whose stdout is meant for `eval` (pg-up.sh) can use them.

# Absolute path of the repository root (this file lives in scripts/lib/).
# shellcheck disable=SC2034  # used by the scripts that source this file
STATSHOST_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)

# The tag printed before every message: [setup], [test], ...
: "${LOG_TAG:=statshost}"

log()  { printf '[%s] %s\n' "$LOG_TAG" "$*" >&2; }
warn() { printf '[%s] WARNING: %s\n' "$LOG_TAG" "$*" >&2; }
die()  { printf '[%s] ERROR: %s\n' "$LOG_TAG" "$*" >&2; exit 1; }

# Milliseconds since the epoch, without forking (bash >= 5). EPOCHREALTIME uses the
# locale's decimal separator, hence both '.' and ','.
now_ms() {
  local t=${EPOCHREALTIME//[.,]/}
  echo $(( t / 1000 ))
}

# fmt_ms 1234 -> "1.2s"
fmt_ms() {
  local ms=$1
  printf '%d.%ds' $(( ms / 1000 )) $(( (ms % 1000) / 100 ))
}

# port_in_use PORT: true when something accepts TCP connections on 127.0.0.1:PORT.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# free_port START [COUNT]: prints the first port >= START on 127.0.0.1 that nothing listens on.
# Another process may still take it before the caller binds: callers retry on "address in use".
free_port() {
  local start=$1 count=${2:-100} p
  for (( p = start; p < start + count; p++ )); do
    if ! port_in_use "$p"; then
      echo "$p"
      return 0
    fi
  done
  return 1
}

# pg_bindir: the newest /usr/lib/postgresql/*/bin with initdb (or $PGBIN when set).
pg_bindir() {
  if [ -n "${PGBIN:-}" ]; then
    echo "$PGBIN"
    return 0
  fi
  local d best
  # A glob sorts 10 before 9: pick the highest version with sort -V.
  best=$(for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && echo "$d"; done | sort -V | tail -n 1)
  [ -n "$best" ] || return 1
  echo "$best"
}
