#!/usr/bin/env bash
# scripts/check-layers passes on this tree, and fails on a copy with includes its layers forbid:
# JSON in the domain, the HTTP edge from the domain, an unknown library, SQL in procurement.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CHECK="$ROOT/scripts/check-layers"
"$CHECK" "$ROOT"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for m in common registry procurement storage api app; do cp -r "$ROOT/$m" "$tmp/"; done
"$CHECK" "$tmp" >/dev/null  # the copy passes before it is spoiled
echo '#include <nlohmann/json.hpp>' >> "$tmp/registry/model.h"
echo '#include "api/http.h"' >> "$tmp/registry/audit.cpp"
echo '#include <sqlite3.h>' >> "$tmp/procurement/evaluation.cpp"
echo '#include <foo/bar.h>' >> "$tmp/common/money.h"
echo '#include "app/settings.h"' >> "$tmp/storage/stored.h"
if out=$("$CHECK" "$tmp" 2>&1); then
  echo "FAIL: check-layers passed a tree with forbidden includes"; echo "$out"; exit 1
fi
for want in 'registry/model.h:.*nlohmann' 'registry/audit.cpp:.*"api/http.h"' 'procurement/evaluation.cpp:.*sqlite3' \
            'common/money.h:.*foo/bar.h' 'storage/stored.h:.*"app/settings.h"'; do
  if ! grep -qE "$want" <<< "$out"; then echo "FAIL: not reported: $want"; echo "$out"; exit 1; fi
done
echo "check-layers: refuses each of the five forbidden includes"
