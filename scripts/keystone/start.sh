#!/usr/bin/env bash
# A private Keystone for tests and Tempest: MariaDB (its database) and Keystone under uwsgi, on free loopback ports,
# everything under one directory. Runs in the foreground until SIGTERM/SIGINT, then stops what it started.
#
# Usage: scripts/keystone/start.sh --dir DIR
# When Keystone answers, it writes DIR/admin-openrc (mode 600: the OS_* variables of the bootstrap admin, for
# `source` or `openstack`), prints the same lines on stdout and then the line `keystone ready`. Logs go to
# DIR/mysql/*.log and DIR/keystone/*.log. Needs the Debian packages keystone, mariadb-server, python3-pymysql, uwsgi,
# uwsgi-plugin-python3 and curl.
set -euo pipefail

dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
[ -n "$dir" ] || { echo "usage: $0 --dir DIR" >&2; exit 2; }
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"

started_at=$(date +%s%N)
log() { printf '[keystone %5dms] %s\n' "$(( ($(date +%s%N) - started_at) / 1000000 ))" "$*" >&2; }

pids=()
names=()
stop_all() {
  local i
  for (( i=${#pids[@]}-1; i>=0; i-- )); do
    local pid="${pids[$i]}"
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && { log "${names[$i]} did not stop: killing it"; kill -KILL "$pid" 2>/dev/null; }
    fi
  done
}
trap 'status=$?; set +e; stop_all; exit $status' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_bg() { # name logfile command...
  local name="$1" logfile="$2"; shift 2
  "$@" >"$logfile" 2>&1 &
  pids+=("$!")
  names+=("$name")
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

wait_for() { # description seconds pid command...
  local what="$1" seconds="$2" pid="$3"; shift 3
  local deadline=$(( $(date +%s) + seconds ))
  until "$@" >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null; then log "$what: the process exited"; return 1; fi
    if [ "$(date +%s)" -ge "$deadline" ]; then log "$what: gave up after ${seconds}s"; return 1; fi
    sleep 0.2
  done
}

me="$(id -un)"
my_group="$(id -gn)"
admin_password="admin-$(od -An -N9 -tx1 /dev/urandom | tr -d ' \n')"
db_password="keystone-$(od -An -N9 -tx1 /dev/urandom | tr -d ' \n')"
rm -f "$dir/admin-openrc"

# --- MariaDB: a private server in DIR, on a free loopback port ------------------------------------------------------
mkdir -p "$dir/mysql/data" "$dir/mysql/run"
db_port=$(free_port)
db_socket="$dir/mysql/run/mysqld.sock"
mariadb-install-db --no-defaults --datadir="$dir/mysql/data" --user="$me" --auth-root-authentication-method=normal \
  --skip-test-db >"$dir/mysql/install.log" 2>&1 \
  || { cat "$dir/mysql/install.log" >&2; exit 1; }
start_bg mariadb "$dir/mysql/mysqld.log" \
  mariadbd --no-defaults --datadir="$dir/mysql/data" --user="$me" --bind-address=127.0.0.1 --port="$db_port" \
  --socket="$db_socket" --pid-file="$dir/mysql/run/mysqld.pid" --skip-name-resolve --skip-log-bin \
  --innodb-buffer-pool-size=64M --max-connections=200 --character-set-server=utf8mb4 \
  --innodb-flush-log-at-trx-commit=0 --sync-binlog=0 --innodb-doublewrite=0
wait_for "MariaDB on 127.0.0.1:$db_port" 60 "${pids[-1]}" mariadb-admin --no-defaults --socket="$db_socket" -uroot ping \
  || { tail -30 "$dir/mysql/mysqld.log" >&2; exit 1; }
mariadb --no-defaults --socket="$db_socket" -uroot <<SQL
CREATE DATABASE keystone;
CREATE USER 'keystone'@'127.0.0.1' IDENTIFIED BY '$db_password';
GRANT ALL PRIVILEGES ON keystone.* TO 'keystone'@'127.0.0.1';
SQL
log "MariaDB on 127.0.0.1:$db_port"

# --- Keystone: private configuration, fernet and credential keys; uwsgi on a free loopback port --------------------
keystone_port=$(free_port)
keystone_url="http://127.0.0.1:$keystone_port/v3"
kdir="$dir/keystone"
mkdir -p "$kdir/log" "$kdir/fernet-keys" "$kdir/credential-keys"
cat >"$kdir/keystone.conf" <<CONF
[DEFAULT]
log_dir = $kdir/log
use_stderr = false
[database]
connection = mysql+pymysql://keystone:$db_password@127.0.0.1:$db_port/keystone
[token]
provider = fernet
expiration = 14400
[fernet_tokens]
key_repository = $kdir/fernet-keys
[credential]
key_repository = $kdir/credential-keys
[cache]
enabled = false
CONF
keystone_manage() { keystone-manage --config-file "$kdir/keystone.conf" "$@" >>"$kdir/manage.log" 2>&1 || { tail -30 "$kdir/manage.log" >&2; exit 1; }; }
keystone_manage db_sync
log "Keystone: database created"
keystone_manage fernet_setup --keystone-user "$me" --keystone-group "$my_group"
keystone_manage credential_setup --keystone-user "$me" --keystone-group "$my_group"
# bootstrap also creates the member and reader roles (admin implies member implies reader).
keystone_manage bootstrap --bootstrap-password "$admin_password" --bootstrap-username admin \
  --bootstrap-project-name admin --bootstrap-role-name admin --bootstrap-service-name keystone \
  --bootstrap-region-id RegionOne --bootstrap-admin-url "$keystone_url" --bootstrap-internal-url "$keystone_url" \
  --bootstrap-public-url "$keystone_url"
log "Keystone: bootstrapped"
start_bg keystone "$kdir/uwsgi.log" \
  uwsgi --plugin python3 --http-socket "127.0.0.1:$keystone_port" --wsgi-file /usr/bin/keystone-wsgi-public \
  --master --processes 2 --threads 4 --lazy-apps --die-on-term --no-orphans --buffer-size 65535 --need-app \
  --thunder-lock --rem-header Content-Length --add-header "Connection: close" \
  --env "OS_KEYSTONE_CONFIG_FILES=$kdir/keystone.conf"
wait_for "Keystone on $keystone_url" 120 "${pids[-1]}" curl -sf "$keystone_url" \
  || { tail -40 "$kdir/uwsgi.log" >&2; exit 1; }

openrc="OS_AUTH_URL=$keystone_url
OS_IDENTITY_API_VERSION=3
OS_USERNAME=admin
OS_PASSWORD=$admin_password
OS_PROJECT_NAME=admin
OS_USER_DOMAIN_NAME=Default
OS_PROJECT_DOMAIN_NAME=Default
OS_REGION_NAME=RegionOne"
# Written whole and then renamed: whoever waits for the file never reads half of it.
(umask 077 && printf 'export %s\n' $openrc >"$dir/admin-openrc.tmp")
mv "$dir/admin-openrc.tmp" "$dir/admin-openrc"
log "Keystone at $keystone_url"
printf '%s\n' "$openrc"
echo "keystone ready"

# Until told to stop, or until a process it started dies (then the caller sees this script exit).
wait -n "${pids[@]}" || true
log "a process stopped on its own: ${names[*]}"
exit 1
