#!/usr/bin/env bash
# make test: lint, build with tests, check the systemd units against the built binaries,
# then every test (unit, in-process web, FastCGI byte-level, and integration through the
# real nginx and ez360-fcgi).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh test
scripts/lint.sh
swift build --build-tests
BIN=$(swift build --show-bin-path)
scripts/verify-systemd.sh "$BIN"
echo "systemd units: ok"
EZ360_BIN_DIR=$BIN swift test --skip-build
