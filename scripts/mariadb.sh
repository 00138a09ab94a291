#!/usr/bin/env bash
# A private MariaDB for tests, CI and trying the MySQL backend: no systemd, no /etc/mysql config,
# its own datadir, port and socket under /tmp. See docs/operations.md.
# usage: scripts/mariadb.sh start|stop|status|client [args...]|wipe
# The user may also create and drop databases named rt_* (one per test case).
# Idempotent: 'start' on a running server only re-applies DB/user; 'stop' on a stopped one is a no-op.
set -euo pipefail
set +m   # no job control: keeps `setsid` from forking, so $! below is mariadbd itself

DB_PORT=${DB_PORT:-33306}
DB_BASE=${DB_BASE:-/tmp/registry-db-$DB_PORT}  # keep short: unix socket path must be < 108 chars
DB_NAME=${DB_NAME:-registry}
DB_USER=${DB_USER:-registry}
DB_PASS=${DB_PASS:-registry_pw}
DB_EXTRA_ARGS=${DB_EXTRA_ARGS:-}              # e.g. "--innodb-flush-log-at-trx-commit=2" for faster CI
DATA=$DB_BASE/data
SOCK=$DB_BASE/mysqld.sock
PIDF=$DB_BASE/mysqld.pid
LOG=$DB_BASE/mysqld.err

ADMIN=(mariadb-admin --no-defaults --protocol=socket --socket="$SOCK" -uroot)
CLIENT=(mariadb --no-defaults --protocol=socket --socket="$SOCK" -uroot)
RUNAS=(); [ "$(id -u)" = 0 ] && RUNAS=(--user=root)   # mariadbd refuses to run as root without this

# running = exists, not a zombie (a killed daemon whose parent is gone can stay <defunct> until init
# reaps it, and kill -0 still succeeds on it), and really mariadbd (guards against PID reuse)
running() { [ -r "/proc/$1/stat" ] && [ "$(awk '{print $3}' "/proc/$1/stat")" != Z ] &&
            [ "$(cat "/proc/$1/comm" 2>/dev/null)" = mariadbd ]; }
pid_alive() { [ -s "$PIDF" ] && running "$(cat "$PIDF")"; }
wait_ready() {  # pid
  for i in $(seq 1 600); do               # up to 60 s
    "${ADMIN[@]}" ping >/dev/null 2>&1 && return 0
    running "$1" || { echo "mariadbd died; log:" >&2; tail -30 "$LOG" >&2; exit 1; }
    sleep 0.1
  done
  echo "mariadbd not ready after 60s" >&2; tail -30 "$LOG" >&2; exit 1
}

do_init() {
  [ -d "$DATA/mysql" ] && return 0
  rm -rf "$DATA.tmp" && mkdir -p "$DATA.tmp"
  # init into a temp dir then rename, so an interrupted init never leaves a half-built datadir
  mariadb-install-db --no-defaults "${RUNAS[@]}" --datadir="$DATA.tmp" \
      --auth-root-authentication-method=normal --skip-test-db --skip-name-resolve \
      >"$DB_BASE/install.log" 2>&1 || { cat "$DB_BASE/install.log"; exit 1; }
  mv "$DATA.tmp" "$DATA"
}

do_start() {
  mkdir -p "$DB_BASE"
  [ ${#SOCK} -lt 100 ] || { echo "socket path too long: $SOCK" >&2; exit 1; }
  if ! pid_alive; then
    rm -f "$PIDF" "$SOCK" "$SOCK.lock"
    do_init
    # setsid + nohup: detached from the calling shell, survives the script exiting
    setsid nohup mariadbd --no-defaults "${RUNAS[@]}" --datadir="$DATA" \
        --bind-address=127.0.0.1 --port="$DB_PORT" --socket="$SOCK" \
        --pid-file="$PIDF" --log-error="$LOG" --skip-name-resolve \
        --innodb-buffer-pool-size=256M --max-connections=500 \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
        $DB_EXTRA_ARGS </dev/null >>"$DB_BASE/stdout.log" 2>&1 &
    wait_ready $!
  else
    wait_ready "$(cat "$PIDF")"           # e.g. started by a concurrent/earlier call, still in recovery
  fi
  "${CLIENT[@]}" <<SQL
CREATE DATABASE IF NOT EXISTS \`$DB_NAME\` CHARACTER SET utf8mb4;
CREATE USER IF NOT EXISTS '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASS';
CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASS';
GRANT ALL PRIVILEGES ON \`$DB_NAME\`.* TO '$DB_USER'@'127.0.0.1';
GRANT ALL PRIVILEGES ON \`$DB_NAME\`.* TO '$DB_USER'@'localhost';
GRANT ALL PRIVILEGES ON \`rt\\_%\`.* TO '$DB_USER'@'127.0.0.1';
GRANT ALL PRIVILEGES ON \`rt\\_%\`.* TO '$DB_USER'@'localhost';
SQL
  echo "mariadb up: pid $(cat "$PIDF") tcp 127.0.0.1:$DB_PORT socket $SOCK db=$DB_NAME user=$DB_USER"
}

do_stop() {
  pid_alive || { rm -f "$PIDF"; echo "mariadb not running"; return 0; }
  local pid; pid=$(cat "$PIDF")
  "${ADMIN[@]}" shutdown >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 600); do running "$pid" || break; sleep 0.1; done
  if running "$pid"; then echo "still alive after 60s, SIGKILL $pid" >&2; kill -KILL "$pid"; fi
  rm -f "$PIDF"; echo "mariadb stopped (pid $pid)"
}

case "${1:-}" in
  start)  do_start ;;
  stop)   do_stop ;;
  status) pid_alive && "${ADMIN[@]}" status || { echo "not running"; exit 3; } ;;
  client) shift; "${CLIENT[@]}" "$@" ;;
  wipe)   do_stop; rm -rf "$DATA" "$DATA.tmp" ;;
  *) echo "usage: $0 start|stop|status|client|wipe" >&2; exit 2 ;;
esac
