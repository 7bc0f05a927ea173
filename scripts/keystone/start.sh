#!/usr/bin/env bash
# A private Keystone for tests and Tempest: MariaDB (its database) and Keystone under uwsgi, on free loopback ports,
# everything under one directory. Runs in the foreground until SIGTERM/SIGINT, then stops what it started.
#
# Usage: scripts/keystone/start.sh --dir DIR [--processes N]   (N: Keystone's uwsgi workers, default 1)
# When Keystone answers, it writes DIR/admin-openrc (mode 600: the OS_* variables of the bootstrap admin, for
# `source` or `openstack`), prints the same lines on stdout and then the line `keystone ready`. Logs go to
# DIR/mysql/*.log and DIR/keystone/*.log. Needs the Debian packages keystone, mariadb-server, python3-pymysql, uwsgi,
# uwsgi-plugin-python3 and curl. The first start for a Keystone version makes a template (database after db_sync and
# bootstrap, keys, random passwords) under ~/.cache/blockstore (or $BLOCKSTORE_KEYSTONE_TEMPLATE); later starts copy it.
set -euo pipefail

dir=""
processes=1
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    --processes) processes="$2"; shift 2 ;;
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

source "$(dirname "$0")/../lib.sh"

# --- The template: a bootstrapped Keystone database and its keys, made once per Keystone version ------------------
# db_sync and bootstrap take most of a minute on a busy machine; a copy of their result takes a second. The template
# (admin and database passwords included: random, for this loopback-only Keystone) is private to this user.
keystone_version="$(dpkg-query -W -f='${Version}' keystone 2>/dev/null | tr -c 'A-Za-z0-9.\n' '_')"
template="${BLOCKSTORE_KEYSTONE_TEMPLATE:-${XDG_CACHE_HOME:-$HOME/.cache}/blockstore/keystone-$keystone_version}"
me="$(id -un)"

start_mariadb() { # datadir port socket logfile
  start_bg mariadb "$4" \
    mariadbd --no-defaults --datadir="$1" --user="$me" --bind-address=127.0.0.1 --port="$2" \
    --socket="$3" --pid-file="$3.pid" --skip-name-resolve --skip-log-bin \
    --innodb-buffer-pool-size=64M --max-connections=200 --character-set-server=utf8mb4 \
    --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0
  wait_for "MariaDB on 127.0.0.1:$2" 60 "${pids[-1]}" mariadb-admin --no-defaults --socket="$3" -uroot ping \
    || { tail -30 "$4" >&2; exit 1; }
}

keystone_conf() { # dir db_password db_port
  cat <<CONF
[DEFAULT]
log_dir = $1/log
use_stderr = false
[database]
connection = mysql+pymysql://keystone:$2@127.0.0.1:$3/keystone
[token]
provider = fernet
expiration = 14400
[fernet_tokens]
key_repository = $1/fernet-keys
# Receipts (multi-factor auth) default to /etc/keystone/fernet-keys, which keystone-manage bootstrap checks since
# Debian's 22.0.2-0+deb12u6; they share the token keys, as in a default deployment.
[fernet_receipts]
key_repository = $1/fernet-keys
[credential]
key_repository = $1/credential-keys
[cache]
enabled = false
[identity]
# bcrypt's cheapest cost: a password check takes milliseconds, not seconds, on a busy test machine.
password_hash_rounds = 4
CONF
}

make_template() {
  local build="$template.building.$$" db_port db_password admin_password
  rm -rf "$build"
  mkdir -p "$build/mysql/data" "$build/log" "$build/fernet-keys" "$build/credential-keys"
  chmod 700 "$build"
  db_port=$(free_port)
  db_password="keystone-$(od -An -N9 -tx1 /dev/urandom | tr -d ' \n')"
  admin_password="admin-$(od -An -N9 -tx1 /dev/urandom | tr -d ' \n')"
  mariadb-install-db --no-defaults --datadir="$build/mysql/data" --user="$me" --auth-root-authentication-method=normal \
    --skip-test-db >"$build/mysql/install.log" 2>&1 \
    || { cat "$build/mysql/install.log" >&2; exit 1; }
  start_mariadb "$build/mysql/data" "$db_port" "$build/mysql/mysqld.sock" "$build/mysql/mysqld.log"
  mariadb --no-defaults --socket="$build/mysql/mysqld.sock" -uroot <<SQL
CREATE DATABASE keystone;
CREATE USER 'keystone'@'127.0.0.1' IDENTIFIED BY '$db_password';
GRANT ALL PRIVILEGES ON keystone.* TO 'keystone'@'127.0.0.1';
SQL
  # Two keys each (primary and secondary), in the format keystone-manage fernet_setup writes, without its start-up cost.
  python3 -c '
import base64, os, sys
for d in sys.argv[1:]:
    for name in ("0", "1"):
        with open(os.path.join(d, name), "wb") as f:
            f.write(base64.urlsafe_b64encode(os.urandom(32)))
        os.chmod(os.path.join(d, name), 0o600)' "$build/fernet-keys" "$build/credential-keys"
  keystone_conf "$build" "$db_password" "$db_port" >"$build/keystone.conf"
  keystone-manage --config-file "$build/keystone.conf" db_sync >>"$build/manage.log" 2>&1 \
    || { tail -30 "$build/manage.log" >&2; exit 1; }
  log "template: database created"
  # bootstrap also creates the member and reader roles (admin implies member implies reader).
  keystone-manage --config-file "$build/keystone.conf" bootstrap --bootstrap-password "$admin_password" \
    --bootstrap-username admin --bootstrap-project-name admin --bootstrap-role-name admin \
    --bootstrap-service-name keystone --bootstrap-region-id RegionOne \
    --bootstrap-admin-url http://keystone.invalid/v3 --bootstrap-internal-url http://keystone.invalid/v3 \
    --bootstrap-public-url http://keystone.invalid/v3 >>"$build/manage.log" 2>&1 \
    || { tail -30 "$build/manage.log" >&2; exit 1; }
  mariadb-admin --no-defaults --socket="$build/mysql/mysqld.sock" -uroot shutdown
  for _ in $(seq 1 300); do kill -0 "${pids[-1]}" 2>/dev/null || break; sleep 0.1; done
  unset 'pids[-1]' 'names[-1]'
  printf '%s\n' "$db_password" >"$build/db-password"
  printf '%s\n' "$admin_password" >"$build/admin-password"
  rm -f "$build/keystone.conf" "$build/mysql/mysqld.sock.pid"
  # Another start may have made one meanwhile: either is good, the first rename wins.
  mv -T "$build" "$template" 2>/dev/null || rm -rf "$build"
  log "template: $template"
}

if [ ! -f "$template/admin-password" ]; then
  log "no Keystone template for keystone $keystone_version: making one (once)"
  mkdir -p "$(dirname "$template")"
  make_template
fi

# --- This Keystone: a copy of the template, MariaDB and uwsgi on free loopback ports --------------------------------
kdir="$dir/keystone"
rm -rf "$dir/mysql" "$kdir" "$dir/admin-openrc"
mkdir -p "$dir/mysql" "$kdir/log"
cp -a "$template/mysql/data" "$dir/mysql/data"
cp -a "$template/fernet-keys" "$template/credential-keys" "$kdir/"
db_password="$(cat "$template/db-password")"
admin_password="$(cat "$template/admin-password")"
db_port=$(free_port)
db_socket="$dir/mysql/mysqld.sock"
start_mariadb "$dir/mysql/data" "$db_port" "$db_socket" "$dir/mysql/mysqld.log"
log "MariaDB on 127.0.0.1:$db_port"

keystone_port=$(free_port)
keystone_url="http://127.0.0.1:$keystone_port/v3"
keystone_conf "$kdir" "$db_password" "$db_port" >"$kdir/keystone.conf"
# The catalog's identity endpoints name this Keystone's port.
mariadb --no-defaults --socket="$db_socket" -uroot keystone \
  -e "UPDATE endpoint SET url = '$keystone_url' WHERE url = 'http://keystone.invalid/v3'"
start_bg keystone "$kdir/uwsgi.log" \
  uwsgi --plugin python3 --http-socket "127.0.0.1:$keystone_port" --wsgi-file /usr/bin/keystone-wsgi-public \
  --master --processes "$processes" --threads 4 --lazy-apps --die-on-term --no-orphans --buffer-size 65535 --need-app \
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
