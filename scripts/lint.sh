#!/usr/bin/env bash
# The project's lint (DESIGN.md §8), run by `make test`:
#  - no SQL built by string interpolation (use GRDB arguments or SQL literals);
#  - no `try!` in Sources;
#  - no markup marked trusted (`HTML(trusted:`) outside the reviewed files below.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0

# sql: "…\(…)…" on one line, or a `sql: """` block holding \( before its closing """.
interpolated_sql=$(awk '
  /sql: *"""/ { inblock = 1; start = FNR; next }
  inblock && /"""/ { inblock = 0; next }
  inblock && /\\\(/ { print FILENAME ":" FNR ": interpolation inside the SQL block opened at line " start }
  /sql: *"[^"]*\\\(/ { print FILENAME ":" FNR ": interpolation in sql: string" }
' $(find Sources -name '*.swift'))
if [ -n "$interpolated_sql" ]; then
  echo "lint: SQL built by string interpolation (pass values as arguments):"; echo "$interpolated_sql"; status=1
fi

force_try=$(grep -rn --include='*.swift' 'try!' Sources || true)
if [ -n "$force_try" ]; then
  echo "lint: try! in Sources (handle or propagate the error):"; echo "$force_try"; status=1
fi

# Files allowed to mark text as trusted markup.
allowed_trusted='^Sources/Web/Views/HTML.swift:'
trusted=$(grep -rn --include='*.swift' 'HTML(trusted:' Sources | grep -v -E "$allowed_trusted" || true)
if [ -n "$trusted" ]; then
  echo "lint: raw HTML outside the reviewed places (interpolate into an HTML literal instead):"; echo "$trusted"; status=1
fi

[ $status -eq 0 ] && echo "lint: ok"
exit $status
