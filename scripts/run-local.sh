#!/usr/bin/env bash
# Quick start, line 1: BlockStore in the foreground on 127.0.0.1:8776 (Azurite, the Server, one file-driver agent),
# all data under .local/. Ctrl-C stops everything it started. Options: --data-dir DIR, --port N.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_node_modules
dotnet build tools/BlockStore.Local -c Release --nologo -v quiet -clp:ErrorsOnly
exec dotnet tools/BlockStore.Local/bin/Release/net10.0/BlockStore.Local.dll "$@"
