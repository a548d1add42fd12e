#!/usr/bin/env bash
# make run: install what is missing, build release, migrate, seed the demo company into an
# empty database, and serve on http://127.0.0.1:$PORT through nginx. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VAR=$ROOT/var
PORT=${PORT:-8080}
SOCKET=$VAR/run/ez360-fcgi.sock
export EZ360_DATA_DIR=$VAR/data
export EZ360_ENV=${EZ360_ENV:-development}

scripts/deps.sh run

echo "Building (release; the first build takes several minutes) …"
swift build -c release
BIN=$(swift build -c release --show-bin-path)
install -m 0755 "$BIN/ez360" "$BIN/ez360-fcgi" cgi-bin/

mkdir -p "$VAR/log" "$VAR/run" "$EZ360_DATA_DIR"
cgi-bin/ez360 migrate
cgi-bin/ez360 seed demo --if-empty --login-file "$VAR/demo-login.txt"

scripts/render-nginx-dev.sh "$ROOT" "$VAR" "$PORT" "$SOCKET" "$VAR/nginx/dev.conf" "$EZ360_DATA_DIR/media"
if [ -f "$VAR/run/nginx.pid" ] && kill -0 "$(cat "$VAR/run/nginx.pid")" 2>/dev/null; then
  echo "An nginx from an earlier make run is still running (pid $(cat "$VAR/run/nginx.pid")); stopping it."
  kill "$(cat "$VAR/run/nginx.pid")" || true
  sleep 1
fi

pids=()
stop() {
  trap - INT TERM EXIT
  echo
  echo "Stopping …"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

cgi-bin/ez360-fcgi --socket "$SOCKET" 2>>"$VAR/log/ez360-fcgi.log" &
pids+=($!)
nginx -p "$VAR/nginx" -e "$VAR/log/nginx-error.log" -c "$VAR/nginx/dev.conf" -g 'daemon off;' &
pids+=($!)

for _ in $(seq 1 50); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
if ! curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; then
  echo "EZ360PM did not come up; see $VAR/log/ez360-fcgi.log and $VAR/log/nginx-error.log" >&2
  exit 1
fi

echo
echo "EZ360PM is running at http://127.0.0.1:$PORT"
if [ -f "$VAR/demo-login.txt" ]; then
  read -r email password < "$VAR/demo-login.txt"
  echo "Sign in as $email with password $password   (also in var/demo-login.txt)"
fi
echo "Logs: var/log/ez360-fcgi.log (one JSON line per request), var/log/nginx-*.log. Ctrl-C stops."
wait
