#!/usr/bin/env bash
# Quick start, line 2: every test. Installs what the tests need (Azurite from package-lock.json, the Debian
# OpenStack client) and starts the services they use themselves (each test class runs its own Azurite).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_node_modules
ensure_debian_packages python3-openstackclient
dotnet test BlockStore.sln --nologo "$@"
