#!/usr/bin/env bash
# Checks the Debian packages a task needs; installs the missing ones when run as root,
# otherwise prints the exact apt-get line and fails.
#   scripts/deps.sh run|test|bench
set -euo pipefail

common=(libfcgi-dev libsqlite3-dev nginx sqlite3 curl)
case "${1:-run}" in
  run)   packages=("${common[@]}") ;;
  test)  packages=("${common[@]}" tidy systemd) ;;
  bench) packages=("${common[@]}" wrk) ;;
  *) echo "usage: $0 run|test|bench" >&2; exit 2 ;;
esac

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "Installing ${missing[*]} …"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian starts the system nginx on port 80 on install; ours runs on its own.
else
  echo "Missing Debian packages. Install them with:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
