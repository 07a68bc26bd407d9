# A throwaway PostgreSQL server for the gradebook suites: initdb and pg_ctl (Debian's
# `postgresql` package) in a temporary folder, listening on a Unix socket only, stopped when the
# suite exits however it exits.  PostgreSQL refuses to run as root, so under root (CI) the server
# runs as the `postgres` account (created by the package; else a system user is made).
# Source after tests/lib.sh; then `pg_start || { finish; exit; }`.  A server that cannot be
# started is a failed test, never a skip: the suites exist to run against a real server.
# Sets: PGDIR (socket directory), PG_SUPER (superuser URI base), pg_url DB [USER[:PASSWORD]].
PGBIN= PGDIR= PG_RUNAS=()

_pg_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -V -r); do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  command -v pg_ctl >/dev/null 2>&1 && { dirname "$(command -v pg_ctl)"; return 0; }
  return 1
}

# pg_url DB [USER[:PASSWORD]]: a postgresql:// URI for the test server.
pg_url() { echo "postgresql://${2:-postgres}@/$1?host=$PGDIR"; }
# pg_sql DB SQL: runs SQL as the superuser; prints tuples only, unaligned.
pg_sql() { "$PGBIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$PGDIR" -U postgres -d "$1" -c "$2"; }
# pg_ctl_do ARGS...: pg_ctl on the test cluster, as its owner.
pg_ctl_do() { "${PG_RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" "$@"; }

pg_stop() {
  [ -n "$PGDIR" ] && [ -d "$PGDIR/data" ] && pg_ctl_do -m immediate -w stop >/dev/null 2>&1
  [ -n "$PGDIR" ] && rm -rf "$PGDIR"
  PGDIR=
}

pg_start() {
  if ! PGBIN=$(_pg_bin); then
    fail "a PostgreSQL server for the test (initdb, pg_ctl)" "not installed: make deps installs Debian's postgresql package"
    return 1
  fi
  PGDIR=$(mktemp -d "${TMPDIR:-/tmp}/salesim-pg.XXXXXX")   # TMPDIR: a disk with room for a big class
  chmod 755 "$PGDIR"
  trap 'pg_stop; rm -rf "$TMP"' EXIT
  trap 'exit 143' TERM INT HUP   # so the EXIT trap stops the server on a kill too
  if [ "$(id -u)" = 0 ]; then
    local user=postgres
    if ! id "$user" >/dev/null 2>&1; then
      user=salesim-pg
      id "$user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
    fi
    chown "$user" "$PGDIR"
    PG_RUNAS=(runuser -u "$user" --)
  fi
  local out
  if ! out=$("${PG_RUNAS[@]}" "$PGBIN/initdb" -D "$PGDIR/data" -U postgres -A trust -E UTF8 \
               --locale=C.UTF-8 2>&1); then
    fail "initdb of the test PostgreSQL cluster" "$out"
    return 1
  fi
  # trust for the superuser that sets things up; passwords for every other role, so the
  # suites can test credentials and roles
  printf 'local all postgres trust\nlocal all all scram-sha-256\n' >"$PGDIR/data/pg_hba.conf"
  if ! out=$(pg_ctl_do -w -t 60 -o "-c listen_addresses='' -k $PGDIR -c max_connections=320 -c shared_buffers=64MB" start 2>&1); then
    fail "start of the test PostgreSQL server" "$out
$(tail -20 "$PGDIR/server.log" 2>/dev/null)"
    return 1
  fi
  ok "a throwaway PostgreSQL server runs on a Unix socket in $PGDIR"
}
