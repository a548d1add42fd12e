#!/bin/sh
# Check the systemd units with systemd-analyze.
#
#   scripts/verify-systemd.sh BIN_DIR
#
# BIN_DIR holds the built ez360 and ez360-fcgi binaries (e.g. cgi-bin/). The units are
# copied to a temporary directory with /opt/ez360/cgi-bin rewritten to BIN_DIR, because
# `systemd-analyze verify` checks that every Exec* command exists and is executable.
#
# systemd-analyze verify exits 0 on unknown keys and unparsable values (it only warns
# and ignores the line), so any output at all counts as a failure here. It needs no
# running systemd and does not look up User=/SocketUser= (the ez360 user need not exist).
set -eu

die() { echo "verify-systemd.sh: $*" >&2; exit 2; }

[ "$#" -eq 1 ] || die "usage: $0 BIN_DIR"
command -v systemd-analyze >/dev/null 2>&1 || die "systemd-analyze not found (Debian package: systemd)"
[ -d "$1" ] || die "not a directory: $1"
BIN_DIR=$(cd "$1" && pwd -P)
case $BIN_DIR in
    *[!A-Za-z0-9._/+@,:~=-]*) die "BIN_DIR contains characters sed would misread: $BIN_DIR" ;;
esac
for bin in ez360 ez360-fcgi; do
    [ -x "$BIN_DIR/$bin" ] || die "$BIN_DIR/$bin is missing or not executable"
done

UNITS_DIR=$(cd "$(dirname "$0")/../systemd" && pwd -P)
units="ez360-fcgi.socket ez360-fcgi.service ez360-outbox.service ez360-outbox.timer
       ez360-recurring.service ez360-recurring.timer ez360-reminders.service ez360-reminders.timer"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for unit in $units; do
    [ -f "$UNITS_DIR/$unit" ] || die "missing unit: $UNITS_DIR/$unit"
    sed "s|/opt/ez360/cgi-bin|$BIN_DIR|g" "$UNITS_DIR/$unit" > "$work/$unit"
done

set +e
paths=
for unit in $units; do
    paths="$paths $work/$unit"
done
# shellcheck disable=SC2086 # word splitting intended; paths contain no spaces
output=$(systemd-analyze verify $paths 2>&1)
status=$?
set -e

if [ "$status" -ne 0 ] || [ -n "$output" ]; then
    printf '%s\n' "$output" >&2
    echo "verify-systemd.sh: FAILED (exit status $status)" >&2
    exit 1
fi
echo "verify-systemd.sh: $units OK"
