#!/usr/bin/env bash
# Checks the Debian packages a task needs; installs the missing ones when run as root,
# otherwise prints the exact apt-get line and fails.
#   scripts/deps.sh run|test|bench
set -euo pipefail

# libhpdf-dev, zlib1g-dev, fonts-dejavu-core: the PDF documents (libharu, DejaVu Sans);
# poppler-utils: the document tests read the PDFs back (pdftotext, pdftoppm, pdfimages).
common=(libfcgi-dev libqrencode-dev libsqlite3-dev nginx sqlite3 curl libhpdf-dev zlib1g-dev fonts-dejavu-core)
case "${1:-run}" in
  run)   packages=("${common[@]}") ;;
  test)  packages=("${common[@]}" tidy systemd msmtp zbar-tools librsvg2-bin poppler-utils) ;;
  bench) packages=("${common[@]}" wrk) ;;
  *) echo "usage: $0 run|test|bench" >&2; exit 2 ;;
esac

# The mail integration tests' local SMTP server: aiosmtpd, from PyPI (only for `test`).
# PIP_BREAK_SYSTEM_PACKAGES lets pip install into Debian 12's system Python (PEP 668);
# older pips ignore it.
python_deps() {
  [ "${1:-run}" = test ] || return 0
  python3 -c 'import aiosmtpd' 2>/dev/null && return 0
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing aiosmtpd (PyPI) …"
    PIP_BREAK_SYSTEM_PACKAGES=1 python3 -m pip install --quiet --disable-pip-version-check aiosmtpd \
      || { echo "pip could not install aiosmtpd (Debian: apt-get install python3-pip first)" >&2; exit 1; }
  else
    echo "Missing Python package aiosmtpd (the tests' SMTP server). Install it with:" >&2
    echo "  python3 -m pip install --user aiosmtpd" >&2
    exit 1
  fi
}

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  python_deps "${1:-run}"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  echo "Installing ${missing[*]} …"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian starts the system nginx on port 80 on install; ours runs on its own.
  python_deps "${1:-run}"
else
  echo "Missing Debian packages. Install them with:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
