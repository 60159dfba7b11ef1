#!/usr/bin/env bash
# Runs every Keqing test project: rules, data tests on SQLite and on a throwaway PostgreSQL (started by the tests
# themselves), API, bUnit and Playwright in Debian's Chromium. Installs what is missing when it can (root + apt);
# otherwise runs the rest and says loudly what was skipped. With CI=true nothing may be skipped.
# Then tools/first-run-check.sh runs the README's run command as written and signs in with the printed password.
# --fast: only tests/Keqing.Tests, without the tests marked [Trait("Category", "Slow")] (real processes killed and
# restarted, tens of thousands of rows) and without the browser journeys; for the edit-and-test loop, never for CI.
set -uo pipefail
cd "$(dirname "$0")"

fast=false
args=()
for a in "$@"; do
  if [ "$a" = "--fast" ]; then fast=true; else args+=("$a"); fi
done
if $fast && [ "${CI:-}" = "true" ]; then
  echo "--fast leaves tests out; CI runs every test (./test.sh without --fast)." >&2
  exit 2
fi

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

# test.sh runs the test projects through Keqing.Tests.slnf (the solution without the benches): a test project the
# solution has and the filter lacks would silently not run.
for project in $(grep -oE 'tests/[^"]+\.csproj' Keqing.slnx); do
  grep -q "\"$project\"" Keqing.Tests.slnf || { echo "Keqing.Tests.slnf lacks the test project $project: add it there." >&2; exit 2; }
done

mkdir -p TestResults
log=TestResults/test.log
# One test project at a time: the browser journeys share the machine's two cores with nothing else, so a busy API
# suite beside them cannot stall a page past its timeouts (about a minute longer in all).
if $fast; then
  # Left out by the filter, not skipped: they are not counted in the summary at all.
  dotnet test --project tests/Keqing.Tests --filter-not-trait "Category=Slow" "${args[@]}" 2>&1 | tee "$log"
else
  # Not the bench projects: no test needs them, and they build when they are run (dotnet run --project bench/…).
  dotnet test --solution Keqing.Tests.slnf --max-parallel-test-modules 1 "${args[@]}" 2>&1 | tee "$log"
fi
status=${PIPESTATUS[0]}

# The README's run command as a new user types it (no KEQING_ADMIN_PASSWORD), signed in with the printed password.
first_run=""
if ! $fast; then
  if tools/first-run-check.sh 2>&1 | tee -a "$log"; then first_run=passed; else first_run=failed; status=1; fi
fi

# One closing line summed over all test projects (the summary dotnet test prints last).
total=$(grep -E '^\s+total: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
failed=$(grep -E '^\s+failed: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
passed=$(grep -E '^\s+succeeded: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
skipped=$(grep -E '^\s+skipped: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
# Why the first failures failed (message and top of the stack), then the names of all of them, just above the
# closing line, so a log cut to its tail still says which tests failed and why.
grep -E -A 8 '^\s*failed [^:]' "$log" | grep -vE 'failed with|^\s*from ' | cut -c1-220 | head -24 | sed 's/^\s*/  why: /'
grep -E '^\s*failed [^:]' "$log" | grep -v 'failed with' | sed 's/^\s*/FAILED: /' | head -40
[ "$first_run" = passed ] && passed=$(( ${passed:-0} + 1 )) && total=$(( ${total:-0} + 1 ))
[ "$first_run" = failed ] && failed=$(( ${failed:-0} + 1 )) && total=$(( ${total:-0} + 1 )) && echo "FAILED: tools/first-run-check.sh (the README's run command)"
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped" | tee TestResults/summary.txt
if [ "${CI:-}" = "true" ] && [ "${skipped:-0}" != "0" ]; then
  echo "CI=true: ${skipped} test(s) were skipped; nothing may be skipped in CI." >&2
  status=1
fi
[ "${total:-0}" != "0" ] || { echo "No test ran." >&2; status=1; }
exit $status
