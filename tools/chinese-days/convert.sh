#!/usr/bin/env bash
# Rewrites src/Keqing/Modules/Calendar/Domain/china-holidays.json from the npm package chinese-days (MIT).
# Usage: tools/chinese-days/convert.sh [version]   (default: the version the data file was made from)
set -euo pipefail
version="${1:-1.5.7}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "chinese-days@$version" >/dev/null && tar xzf chinese-days-*.tgz)
cp "$work/package/LICENSE" "$root/src/Keqing/Modules/Calendar/Domain/china-holidays.LICENSE"
node "$root/tools/chinese-days/convert.mjs" "$work/package" "$version" "$root/src/Keqing/Modules/Calendar/Domain/china-holidays.json"
