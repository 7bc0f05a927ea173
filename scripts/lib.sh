# Shared by the scripts in this folder: install what the project needs from its own files.

# Azurite and the other dev tools exactly as package-lock.json pins them; reinstalled only when the lock changed.
ensure_node_modules() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund
  fi
}

# Debian packages the tests drive (the real OpenStack clients); needs root or sudo the first time.
ensure_debian_packages() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Background processes of a script: each one started here is recorded in the caller's pids/names arrays (the caller
# stops them, newest first, on exit); the caller defines log().
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
