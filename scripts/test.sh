#!/usr/bin/env bash
# Quick start, line 2: every test. Installs what the tests need (Azurite from package-lock.json, Debian packages
# below) and the tests start the services they use themselves (Azurite, Ceph, tgtd), never relying on running ones.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_node_modules
# The real OpenStack clients; Ceph (single-node cluster booted by the RBD tests), lvm2, tgtd and userspace
# iSCSI initiators (driver tests), qemu-img for data checks across files, rbd and iscsi://; Keystone with MariaDB
# under uwsgi (keystone-mode tests start it with scripts/keystone/start.sh); openstacksdk and Tempest's service
# clients (their response schemas check the QoS routes) as further real clients; Tempest itself with its Cinder plugin,
# stestr and subunit (TempestTests runs a subset of tempest.api.volume through scripts/tempest/run.sh).
ensure_debian_packages python3-openstackclient python3-cinderclient python3-openstacksdk tempest cinder-tempest-plugin python3-stestr python3-subunit ceph-mon ceph-osd ceph-mgr ceph-common \
  lvm2 tgt libiscsi-bin qemu-utils qemu-block-extra keystone mariadb-server python3-pymysql uwsgi uwsgi-plugin-python3 curl
dotnet test BlockStore.sln --nologo "$@"
