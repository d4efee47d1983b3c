#!/usr/bin/env bash
# Counts the public API of a library module: the public top-level types of each package its module-info.java
# exports to everyone (qualified "exports ... to" are not public API and are left out). Nested types are not
# counted: they are reached through their top-level type.
#
#   scripts/dev/public-api.sh                 # whizbang-runtime
#   scripts/dev/public-api.sh whizbang-brokers/whizbang-kafka
#   scripts/dev/public-api.sh --all           # every package of whizbang-runtime, exported or not
set -euo pipefail
cd "$(dirname "$0")/../.."

all=false
if [ "${1:-}" = "--all" ]; then all=true; shift; fi
module="${1:-whizbang-runtime}"
src="$module/src/main/java"
info="$src/module-info.java"

if $all || [ ! -f "$info" ]; then
  $all || echo "(no $info: counting every package)"
  packages=$(find "$src" -name '*.java' ! -name module-info.java ! -name package-info.java -printf '%h\n' \
    | sed "s|^$src/||; s|/|.|g" | sort -u)
else
  # "exports a.b;" but not "exports a.b to c;" (a qualified export may span lines: join the file first)
  packages=$(sed 's|//.*||' "$info" | tr '\n' ' ' | sed 's|/\*\([^*]\|\*[^/]\)*\*/||g' | grep -oE 'exports[[:space:]]+[a-zA-Z0-9_.]+[[:space:]]*;' \
    | sed -E 's/exports[[:space:]]+//; s/[[:space:]]*;//' | sort)
fi

total=0
for p in $packages; do
  dir="$src/${p//.//}"
  types=$(grep -lE '^public ((final|abstract|sealed|non-sealed|static) )*(class|interface|record|enum|@interface) ' \
    "$dir"/*.java 2>/dev/null | xargs -r -n1 basename | sed 's/\.java$//' | sort | tr '\n' ' ')
  n=$(wc -w <<< "$types")
  total=$((total + n))
  printf '%3d  %s: %s\n' "$n" "$p" "$types"
done
echo "total public types: $total"
