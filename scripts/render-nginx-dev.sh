#!/bin/sh
# Render nginx/dev.conf into a runnable nginx configuration.
#
#   scripts/render-nginx-dev.sh ROOT VAR PORT SOCKET OUT [MEDIA]
#
#   ROOT    absolute path of the repository (site/public and nginx/*.conf are read from it)
#   VAR     absolute path of the writable state directory (logs, pid, temp files, data/media)
#   PORT    TCP port to listen on, on 127.0.0.1
#   SOCKET  absolute path of the ez360-fcgi unix socket
#   OUT     file to write
#   MEDIA   absolute path of the private media directory the internal /media/_internal/
#           location serves: $EZ360_DATA_DIR/media of the ez360-fcgi behind it
#           (default VAR/data/media)
#
# Creates VAR/nginx/tmp/{client_body,fastcgi,proxy,uwsgi,scgi}, VAR/log, VAR/run and
# MEDIA. Run as root, it prepends "user root;" so that the worker processes
# can connect to a socket created by root. Then start nginx with:
#
#   nginx -p VAR/nginx -e VAR/log/nginx-error.log -c OUT -g 'daemon off;'
set -eu

die() { echo "render-nginx-dev.sh: $*" >&2; exit 2; }

[ "$#" -eq 5 ] || [ "$#" -eq 6 ] || die "usage: $0 ROOT VAR PORT SOCKET OUT [MEDIA]"
ROOT=$1 VAR=$2 PORT=$3 SOCKET=$4 OUT=$5 MEDIA=${6:-$2/data/media}
# nginx's alias needs exactly one trailing slash, which the template adds.
MEDIA=${MEDIA%/}

# The values go unquoted into nginx syntax and into a sed replacement: allow only
# characters that are safe in both.
for pair in "ROOT=$ROOT" "VAR=$VAR" "SOCKET=$SOCKET" "MEDIA=$MEDIA"; do
    name=${pair%%=*} value=${pair#*=}
    case $value in
        /*) ;;
        *) die "$name must be an absolute path: $value" ;;
    esac
    case $value in
        *[!A-Za-z0-9._/+@,:~=-]*) die "$name contains characters nginx or sed would misread: $value" ;;
    esac
done
case $PORT in
    ''|*[!0-9]*) die "PORT must be a number: $PORT" ;;
esac
[ "$PORT" -ge 1 ] && [ "$PORT" -le 65535 ] || die "PORT out of range: $PORT"

TEMPLATE=$ROOT/nginx/dev.conf
[ -f "$TEMPLATE" ] || die "template not found: $TEMPLATE"

for dir in client_body fastcgi proxy uwsgi scgi; do
    mkdir -p "$VAR/nginx/tmp/$dir"
done
mkdir -p "$VAR/log" "$VAR/run" "$MEDIA" "$(dirname "$OUT")"

tmp=$OUT.tmp.$$
trap 'rm -f "$tmp"' EXIT
{
    if [ "$(id -u)" -eq 0 ]; then
        echo "user root;"
    fi
    sed -e "s|@ROOT@|$ROOT|g" \
        -e "s|@VAR@|$VAR|g" \
        -e "s|@PORT@|$PORT|g" \
        -e "s|@SOCKET@|$SOCKET|g" \
        -e "s|@MEDIA@|$MEDIA|g" \
        "$TEMPLATE"
} > "$tmp"

if grep -n '@[A-Z][A-Z]*@' "$tmp" >&2; then
    die "unreplaced placeholder in $TEMPLATE"
fi
mv "$tmp" "$OUT"
trap - EXIT
