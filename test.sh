#!/usr/bin/env bash
# Runs every Keqing test project: rules, data tests on SQLite and on a throwaway PostgreSQL (started by the tests
# themselves), API, bUnit and Playwright in Debian's Chromium. Installs what is missing when it can (root + apt);
# otherwise runs the rest and says loudly what was skipped. With CI=true nothing may be skipped.
set -uo pipefail
cd "$(dirname "$0")"

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing ${missing[*]} …"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "WARNING: ${missing[*]} missing and cannot be installed here (not root or no apt): the tests that need them will be SKIPPED." >&2
  fi
fi

mkdir -p TestResults
log=TestResults/test.log
# One test project at a time: the browser journeys share the machine's two cores with nothing else, so a busy API
# suite beside them cannot stall a page past its timeouts (about a minute longer in all).
dotnet test --solution Keqing.slnx --max-parallel-test-modules 1 "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One closing line summed over all test projects (the summary dotnet test prints last).
total=$(grep -E '^\s+total: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
failed=$(grep -E '^\s+failed: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
passed=$(grep -E '^\s+succeeded: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
skipped=$(grep -E '^\s+skipped: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
# Name the failed tests again just above the closing line, so a log cut to its tail still says which ones failed.
grep -E '^\s*failed [^:]' "$log" | grep -v 'failed with' | sed 's/^\s*/FAILED: /' | head -40
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped" | tee TestResults/summary.txt
if [ "${CI:-}" = "true" ] && [ "${skipped:-0}" != "0" ]; then
  echo "CI=true: ${skipped} test(s) were skipped; nothing may be skipped in CI." >&2
  status=1
fi
[ "${total:-0}" != "0" ] || { echo "No test ran." >&2; status=1; }
exit $status
