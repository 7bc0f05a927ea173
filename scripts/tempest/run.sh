#!/usr/bin/env bash
# Tempest's volume API tests (tempest.api.volume) against BlockStore, with a real Keystone in front of it.
#
# Everything runs on loopback, on free ports, under one work directory, and everything this script starts is stopped
# when it exits: a private MariaDB (Keystone's database) and Keystone under uwsgi (scripts/keystone/start.sh),
# BlockStore in keystone mode (the local launcher: Azurite, the Server, one file-driver agent with an agent token;
# the Server validates tokens as Keystone user `blockstore`, admin and service in project service), then Tempest with dynamic credentials (it creates its own projects
# and users through Keystone with the admin account). BlockStore is registered in Keystone's catalog as `volumev3`
# and `block-storage`; Glance, Nova, Neutron, Swift and backups are disabled, as in the reference run of Cinder 21.3.
#
# Options:
#   --work-dir DIR        where everything goes (default: a new directory under ${TMPDIR:-/tmp})
#   --regex RE            tests to run (default: ^tempest\.api\.volume)
#   --concurrency N       Tempest workers (default: 2)
#   --time-limit SECONDS  stop Tempest after this long (default: 3600)
#   --no-install          do not apt-get install the Debian packages
#   --no-build            do not build BlockStore (tools/BlockStore.Local)
#   --configuration NAME  the build of BlockStore to build and run (default: Release; the tests use the Debug build
#                         that `dotnet test` made, with --no-build)
#   --known-failures FILE compare with a list of expected failures (scripts/tempest/known-failures.txt): a failure not
#                         in it is a regression (exit 3), a listed test that passed is reported as fixed
#   --keep                keep everything in the work directory (by default the databases, volumes and Azurite's
#                         data are removed at the end, the reports and logs kept)
# Exit status: 0 when Tempest ran (whatever its results, unless --known-failures found a regression), 3 for a
# regression, other non-zero when it could not be run. The totals are printed last ('Tempest totals: passed=N
# failed=N skipped=N'); the work directory holds tempest.conf, every service's log, results.subunit, failures.txt
# (each failing test with its error), failing.txt (their ids), skips.txt (each skip's reason) and results.tsv.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
source scripts/lib.sh

work_dir=""
regex='^tempest\.api\.volume'
concurrency=2
time_limit=3600
install=1
build=1
configuration=Release
keep=0
known_failures=""
while [ $# -gt 0 ]; do
  case "$1" in
    --work-dir) work_dir="$2"; shift 2 ;;
    --regex) regex="$2"; shift 2 ;;
    --concurrency) concurrency="$2"; shift 2 ;;
    --time-limit) time_limit="$2"; shift 2 ;;
    --no-install) install=0; shift ;;
    --no-build) build=0; shift ;;
    --configuration) configuration="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    --known-failures) known_failures="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

started_at=$(date +%s)
log() { printf '[tempest %4ds] %s\n' "$(( $(date +%s) - started_at ))" "$*"; }

if [ "$install" = 1 ]; then
  log "installing Debian packages (keystone, mariadb-server, uwsgi, tempest, cinder-tempest-plugin) if missing"
  ensure_debian_packages keystone mariadb-server python3-pymysql uwsgi uwsgi-plugin-python3 \
    python3-openstackclient tempest cinder-tempest-plugin python3-subunit python3-stestr curl
fi

if [ -z "$work_dir" ]; then
  work_dir="$(mktemp -d "${TMPDIR:-/tmp}/blockstore-tempest.XXXXXX")"
else
  mkdir -p "$work_dir"
  work_dir="$(cd "$work_dir" && pwd)"
fi
log "work directory: $work_dir"

# --- processes: every one this script starts is recorded here and stopped on exit, newest first -------------------
pids=()
names=()
tempest_ran=0
cleanup() {
  local status=$?
  set +e
  local i
  for (( i=${#pids[@]}-1; i>=0; i-- )); do
    local pid="${pids[$i]}"
    if kill -0 "$pid" 2>/dev/null; then
      log "stopping ${names[$i]} (pid $pid)"
      kill -TERM "$pid" 2>/dev/null
      for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -0 "$pid" 2>/dev/null && { log "${names[$i]} did not stop: killing it"; kill -KILL "$pid" 2>/dev/null; }
    fi
  done
  if [ "$keep" = 0 ] && [ "$tempest_ran" = 1 ]; then
    # Keep the reports and the logs, drop the bulk (databases, volumes, Azurite's data).
    rm -rf "$work_dir/keystone-service/mysql/data" "$work_dir/blockstore" "$work_dir/tempest/.stestr"
  fi
  log "done; reports and logs are in $work_dir"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM


# --- Keystone (and its MariaDB): scripts/keystone/start.sh, the same start-up the end-to-end tests use -------------
kdir="$work_dir/keystone-service"
start_bg keystone "$work_dir/keystone.log" "$root/scripts/keystone/start.sh" --dir "$kdir" --processes 2
wait_for "Keystone" 600 "${pids[-1]}" test -f "$kdir/admin-openrc" || { tail -40 "$work_dir/keystone.log"; exit 1; }
# shellcheck disable=SC1091
source "$kdir/admin-openrc"
keystone_url="$OS_AUTH_URL"
admin_password="$OS_PASSWORD"
unset OS_AUTH_URL OS_IDENTITY_API_VERSION OS_USERNAME OS_PASSWORD OS_PROJECT_NAME OS_USER_DOMAIN_NAME OS_PROJECT_DOMAIN_NAME OS_REGION_NAME
log "Keystone at $keystone_url"

os_admin() {
  openstack --os-auth-url "$keystone_url" --os-identity-api-version 3 --os-username admin --os-password "$admin_password" \
    --os-project-name admin --os-user-domain-name Default --os-project-domain-name Default --os-region-name RegionOne "$@"
}
# bootstrap makes admin, member and reader (Keystone 22); make sure of the two Tempest gives its users.
for role in member reader; do
  os_admin role show "$role" >/dev/null 2>&1 || os_admin role create "$role" >/dev/null
done

# BlockStore's service user, as Cinder's: project service, roles admin and service. It validates callers' tokens.
service_password="blockstore-$(od -An -N9 -tx1 /dev/urandom | tr -d ' \n')"
os_admin project show service >/dev/null 2>&1 || os_admin project create --domain Default service >/dev/null
os_admin role show service >/dev/null 2>&1 || os_admin role create service >/dev/null
os_admin user create --domain Default --password "$service_password" blockstore >/dev/null
for role in admin service; do
  os_admin role add --project service --user blockstore "$role"
done
log "Keystone user blockstore (project service, roles admin and service) created"

# --- BlockStore: the local launcher (Azurite, Server, one file agent) on a free loopback port ----------------------
if [ "$build" = 1 ]; then
  log "building BlockStore (tools/BlockStore.Local, $configuration)"
  ensure_node_modules >"$work_dir/npm.log" 2>&1 || { cat "$work_dir/npm.log"; exit 1; }
  dotnet build tools/BlockStore.Local -c "$configuration" -p:TreatWarningsAsErrors=false --nologo -v quiet -clp:ErrorsOnly \
    >"$work_dir/build.log" 2>&1 || { tail -40 "$work_dir/build.log"; exit 1; }
fi
blockstore_port=$(free_port)
blockstore_url="http://127.0.0.1:$blockstore_port"
# Keystone mode: the Server inherits these (the password from the environment, never a file); the agent keeps an
# API token.
start_bg blockstore "$work_dir/blockstore.log" \
  env BlockStore__Auth__Mode=keystone BlockStore__Auth__Keystone__AuthUrl="$keystone_url" \
  BlockStore__Auth__Keystone__Username=blockstore BlockStore__Auth__Keystone__Password="$service_password" \
  BlockStore__Auth__Keystone__ProjectName=service \
  dotnet "tools/BlockStore.Local/bin/$configuration/net10.0/BlockStore.Local.dll" --port "$blockstore_port" --data-dir "$work_dir/blockstore"
wait_for "BlockStore at $blockstore_url" 180 "${pids[-1]}" grep -q "BlockStore is running" "$work_dir/blockstore.log" \
  || { tail -40 "$work_dir/blockstore.log"; exit 1; }
log "BlockStore at $blockstore_url"

for type in volumev3 block-storage; do
  os_admin service create --name "blockstore-$type" --description "BlockStore ($type)" "$type" >/dev/null
  for interface in public internal admin; do
    os_admin endpoint create --region RegionOne "blockstore-$type" "$interface" "$blockstore_url/v3/%(project_id)s" >/dev/null
  done
done
log "BlockStore registered in Keystone as volumev3 and block-storage"

# What BlockStore declares: its microversion range, and its pool's protocol and vendor (volume types use them).
admin_project_id="$(os_admin project show admin -f value -c id)"
read -r min_microversion max_microversion < <(curl -sf "$blockstore_url/v3/" | python3 -c '
import json, sys
d = json.load(sys.stdin)
v = (d.get("versions") or [d.get("version") or {}])[0]
print(v.get("min_version") or "3.0", v.get("version") or "3.0")')
admin_token="$(os_admin token issue -f value -c id)"
read -r backend_name storage_protocol vendor_name < <(curl -sf -H "X-Auth-Token: $admin_token" \
  "$blockstore_url/v3/$admin_project_id/scheduler-stats/get_pools?detail=True" | python3 -c '
import json, sys
p = json.load(sys.stdin)["pools"][0]
c = p.get("capabilities", {})
print(c.get("volume_backend_name") or p["name"].split("@")[1].split("#")[0],
      (c.get("storage_protocol") or "iSCSI").replace(" ", "_"), (c.get("vendor_name") or "Open Source").replace(" ", "_"))')
vendor_name="${vendor_name//_/ }"
log "BlockStore declares microversions $min_microversion..$max_microversion; pool backend $backend_name, protocol $storage_protocol, vendor $vendor_name"

# --- Tempest ---------------------------------------------------------------------------------------------------------
tdir="$work_dir/tempest"
# From the work directory: tempest init logs to tempest.log in its working directory (with the system's config).
(cd "$work_dir" && tempest init --workspace-path "$work_dir/tempest-workspace.yaml" --name blockstore "$tdir") >"$work_dir/tempest-init.log" 2>&1 \
  || { cat "$work_dir/tempest-init.log"; exit 1; }
cat >"$tdir/etc/tempest.conf" <<CONF
[DEFAULT]
log_dir = $tdir/logs
log_file = tempest.log
use_stderr = false

[oslo_concurrency]
lock_path = $tdir/lock

[auth]
use_dynamic_credentials = true
create_isolated_networks = false
admin_username = admin
admin_password = $admin_password
admin_project_name = admin
admin_domain_name = Default
default_credentials_domain_name = Default
tempest_roles = member

[identity]
uri_v3 = $keystone_url
auth_version = v3
region = RegionOne
v3_endpoint_type = public
disable_ssl_certificate_validation = true

[identity-feature-enabled]
api_v2 = false
api_v3 = true

[service_available]
cinder = true
glance = false
nova = false
neutron = false
swift = false

[validation]
run_validation = false

[volume]
catalog_type = volumev3
region = RegionOne
endpoint_type = publicURL
min_microversion = $min_microversion
max_microversion = $max_microversion
backend_names = $backend_name
storage_protocol = $storage_protocol
vendor_name = $vendor_name
volume_size = 1
volume_size_extend = 1
build_interval = 1
build_timeout = 60

[volume-feature-enabled]
backup = false
snapshot = true
clone = true
manage_snapshot = false
manage_volume = false
multi_backend = false
extend_attached_volume = false
extend_attached_encrypted_volume = false
api_extensions = all
consistency_group = false
volume_revert = false
CONF
log "tempest.conf written to $tdir/etc/tempest.conf"

listed=$(cd "$tdir" && tempest run --list-tests --regex "$regex" 2>/dev/null | grep -c '^tempest\.' || true)
log "running $listed tests matching '$regex' with concurrency $concurrency (time limit ${time_limit}s)"
tempest_started=$(date +%s)
set +e
(cd "$tdir" && timeout --signal=TERM --kill-after=30 "$time_limit" \
  tempest run --regex "$regex" --concurrency "$concurrency") >"$work_dir/tempest-run.log" 2>&1
tempest_status=$?
set -e
tempest_seconds=$(( $(date +%s) - tempest_started ))
tempest_ran=1
[ "$tempest_status" = 124 ] && log "Tempest hit the time limit of ${time_limit}s"

# Reports from the stestr repository: the whole stream, each failure with its error, each skip with its reason.
(cd "$tdir" && stestr last --subunit) >"$work_dir/results.subunit" 2>/dev/null || true
compare_status=0
/usr/bin/python3 "$here/summarize.py" "$work_dir/results.subunit" "$work_dir" ${known_failures:+"$known_failures"} \
  || compare_status=$?
log "Tempest took ${tempest_seconds}s (exit status $tempest_status); the whole run $(( $(date +%s) - started_at ))s"
sed -n '/^Ran: /,/^ - Failed: /p' "$work_dir/tempest-run.log"
if [ ! -s "$work_dir/totals.txt" ]; then
  log "no results: see $work_dir/tempest-run.log"
  tail -40 "$work_dir/tempest-run.log"
  exit 1
fi
cat "$work_dir/totals.txt"
exit "$compare_status"
