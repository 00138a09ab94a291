#!/usr/bin/env bash
# A three-node MariaDB Galera cluster on loopback, for the scale-out tests and for trying
# several registryd instances over one cluster (docs/operations.md, "Several instances").
# usage: scripts/galera.sh start|stop|status|wipe|kill I|url
#   start      starts every node that is down: the first node bootstraps a new cluster only
#              when no node is up; the others (and a killed node coming back) join it
#   kill I     SIGKILLs node I (1..3), as a crash would
#   url        prints the storage URL naming the three nodes
# Clients: 127.0.0.1:33401..33403, user registry / registry_pw, database registry (and rt_*).
# Nodes run as the OS user mysql when started by root: the rsync state transfer (SST) drops
# root to nobody, which cannot read the data directory.
set -euo pipefail
set +m
G=${GALERA_BASE:-/tmp/registry-galera}   # node I lives in $G/nI/
N=3
DB_USER=${DB_USER:-registry}
DB_PASS=${DB_PASS:-registry_pw}
PROVIDER=/usr/lib/x86_64-linux-gnu/galera/libgalera_smm.so
[ -f $PROVIDER ] || PROVIDER=/usr/lib/galera/libgalera_smm.so
peers=$(for i in $(seq 1 $N); do printf "127.0.0.1:%d," $((4560+i)); done); peers=${peers%,}
OSUSER=$(id -un)
[ "$(id -u)" = 0 ] && OSUSER=mysql

cnf() {  # node index
  local i=$1 d=$G/n$1
  mkdir -p $d
  cat > $d/my.cnf <<CNF
[mysqld]
user=$OSUSER
datadir=$d/data
socket=$d/mysqld.sock
pid-file=$d/mysqld.pid
log-error=$d/mysqld.err
port=$((33400+i))
bind-address=127.0.0.1
skip-name-resolve
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
max-connections=300
innodb_buffer_pool_size=128M
innodb_flush_log_at_trx_commit=2
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
wsrep_on=ON
wsrep_provider=$PROVIDER
wsrep_cluster_name=registry
wsrep_cluster_address=gcomm://$peers
wsrep_node_name=n$i
wsrep_node_address=127.0.0.1:$((4560+i))
wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:$((4560+i));ist.recv_addr=127.0.0.1:$((4570+i));gcache.size=64M"
wsrep_sst_receive_address=127.0.0.1:$((4580+i))
wsrep_sst_method=rsync
[client]
socket=$d/mysqld.sock
user=root
CNF
}
running() { [ -r /proc/$1/stat ] && [ "$(awk '{print $3}' /proc/$1/stat)" != Z ]; }   # zombie = dead
alive() { [ -s $G/n$1/mysqld.pid ] && running "$(cat $G/n$1/mysqld.pid)"; }
q() { local i=$1; shift; mariadb --defaults-file=$G/n$i/my.cnf "$@"; }
wait_synced() {  # node pid
  for _ in $(seq 1 900); do
    s=$(q $1 -N -e "SHOW STATUS LIKE 'wsrep_local_state_comment'" 2>/dev/null | awk '{print $2}') || true
    [ "$s" = Synced ] && return 0
    running $2 || break
    sleep 0.1
  done
  echo "n$1 not Synced; log:" >&2; tail -40 $G/n$1/mysqld.err >&2; return 1
}
start_node() {  # i [extra args]
  local i=$1; shift
  alive $i && return 0
  cnf $i
  [ "$(id -u)" = 0 ] && chown -R mysql:mysql $G/n$i
  if [ ! -d $G/n$i/data/mysql ]; then
    rm -rf $G/n$i/data
    mariadb-install-db --defaults-file=$G/n$i/my.cnf --user=$OSUSER --auth-root-authentication-method=normal \
      --skip-test-db --wsrep-on=OFF > $G/n$i/install.log 2>&1 || { cat $G/n$i/install.log >&2; exit 1; }
  fi
  rm -f $G/n$i/mysqld.pid
  setsid nohup mariadbd --defaults-file=$G/n$i/my.cnf "$@" </dev/null >> $G/n$i/stdout.log 2>&1 &
  wait_synced $i $!
}
any_alive() { for i in $(seq 1 $N); do alive $i && return 0; done; return 1; }
stop_node() {
  alive $1 || return 0
  local pid; pid=$(cat $G/n$1/mysqld.pid); kill -TERM $pid
  for _ in $(seq 1 600); do running $pid || break; sleep 0.1; done
  echo "n$1 stopped"
}
case "${1:-}" in
  start)
    command -v mariadbd >/dev/null && [ -f $PROVIDER ] && command -v rsync >/dev/null ||
      "$(dirname "$0")/install-deps" galera-4 rsync
    SECONDS=0
    if ! any_alive; then
      # A cluster whose every node stopped: the node with the safe_to_bootstrap mark (the last to
      # stop cleanly) starts it; after a crash of all nodes, the first one is forced.
      boot=1
      for i in $(seq 1 $N); do grep -qs "safe_to_bootstrap: 1" $G/n$i/data/grastate.dat && boot=$i && break; done
      [ -f $G/n$boot/data/grastate.dat ] && sed -i 's/safe_to_bootstrap: 0/safe_to_bootstrap: 1/' $G/n$boot/data/grastate.dat
      start_node $boot --wsrep-new-cluster
    fi
    for i in $(seq 1 $N); do start_node $i; done
    first=$(for i in $(seq 1 $N); do alive $i && echo $i && break; done)
    q $first <<SQL
CREATE DATABASE IF NOT EXISTS registry CHARACTER SET utf8mb4;
CREATE USER IF NOT EXISTS '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASS';
GRANT ALL PRIVILEGES ON registry.* TO '$DB_USER'@'127.0.0.1';
GRANT ALL PRIVILEGES ON \`rt\\_%\`.* TO '$DB_USER'@'127.0.0.1';
SQL
    echo "galera up in ${SECONDS} s: $(q $first -N -e "SHOW STATUS LIKE 'wsrep_cluster_size'")" ;;
  stop) for i in $(seq $N -1 1); do stop_node $i; done ;;
  kill)
    i=${2:?node}
    alive $i || { echo "n$i is not running" >&2; exit 1; }
    kill -KILL "$(cat $G/n$i/mysqld.pid)"
    for _ in $(seq 1 100); do alive $i || break; sleep 0.05; done
    echo "n$i killed" ;;
  status) for i in $(seq 1 $N); do echo "n$i: $(q $i -N -e "SHOW STATUS WHERE Variable_name IN ('wsrep_cluster_size','wsrep_local_state_comment')" 2>/dev/null | tr '\n\t' '  ' || echo down)"; done ;;
  url) echo "mysql://$DB_USER:$DB_PASS@127.0.0.1:33401,127.0.0.1:33402,127.0.0.1:33403/registry" ;;
  wipe) "$0" stop; rm -rf $G/n* ;;
  *) echo "usage: $0 start|stop|status|wipe|kill I|url"; exit 2 ;;
esac
