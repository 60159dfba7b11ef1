#!/usr/bin/env bash
# The README's run command, exactly as README.md writes it and without KEQING_ADMIN_PASSWORD, on a fresh keqing.db:
# it must print the URL and a generated admin password, and the admin and a demo user must sign in
# (POST /api/auth/token). Then the app is stopped and the database it created removed. Called by ./test.sh.
# Port: the command listens on 5080 (appsettings.json). When 5080 is taken on this machine (another checkout's app),
# the check appends `--urls` (which the README documents) on a free port; with CI=true a taken port fails instead,
# so CI always runs the command exactly as written.
set -uo pipefail
cd "$(dirname "$0")/.."
unset KEQING_ADMIN_PASSWORD Keqing__Database__Provider ConnectionStrings__Keqing ASPNETCORE_URLS

command=$(grep -m1 -E '^    dotnet run ' README.md | sed 's/#.*//; s/^ *//; s/ *$//')
[ -n "$command" ] || { echo "first-run check: no indented 'dotnet run' line in README.md" >&2; exit 1; }

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if port_taken 5080; then
  if [ "${CI:-}" = "true" ]; then echo "first-run check: port 5080 is taken; CI runs the README command as written" >&2; exit 1; fi
  port=15080
  while port_taken $port; do port=$((port + 1)); done
  command="$command --urls http://localhost:$port"
  echo "first-run check: port 5080 is taken here, adding --urls http://localhost:$port"
fi

# The check needs a first start; a developer's own keqing.db is set aside and put back afterwards.
backup=keqing.db.first-run-check
for f in keqing.db keqing.db-wal keqing.db-shm; do [ -e "$backup/$f" ] && mv -f "$backup/$f" "$f"; done # a killed earlier run
mkdir -p "$backup"
for f in keqing.db keqing.db-wal keqing.db-shm; do [ -e "$f" ] && mv "$f" "$backup/$f"; done
log=$(mktemp)
pid=""
cleanup() {
  if [ -n "$pid" ]; then
    kill -TERM -- "-$pid" 2>/dev/null
    for _ in $(seq 1 40); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$pid" 2>/dev/null
  fi
  rm -f keqing.db keqing.db-wal keqing.db-shm
  for f in keqing.db keqing.db-wal keqing.db-shm; do [ -e "$backup/$f" ] && mv "$backup/$f" "$f"; done
  rmdir "$backup" 2>/dev/null
  rm -f "$log"
}
trap cleanup EXIT
fail() { echo "first-run check FAILED: $1" >&2; echo "--- output of: $command" >&2; tail -60 "$log" >&2; exit 1; }

echo "first-run check: $command"
# Its own process group (setsid), so stopping it stops dotnet run and the app it started, and nothing else.
setsid bash -c "exec $command" >"$log" 2>&1 </dev/null &
pid=$!
# The first start builds the app: minutes on a fresh clone.
for _ in $(seq 1 900); do
  grep -q "Demo users" "$log" && break
  kill -0 "$pid" 2>/dev/null || fail "the command exited before printing its URL"
  sleep 1
done
url=$(grep -oE 'Keqing CRM is running at http[^ ]+' "$log" | head -1 | awk '{print $NF}')
password=$(grep -oE 'admin@keqing.local with password [^ ]+' "$log" | head -1 | awk '{print $NF}')
demo=$(grep -oE 'Demo users \(password [^)]+\)' "$log" | head -1 | sed 's/.*password //; s/)$//')
[ -n "$url" ] || fail "no URL printed"
[ -n "$password" ] || fail "no generated admin password printed"
[ -n "$demo" ] || fail "no demo password printed"

sign_in() {
  curl -s -o /dev/null -w '%{http_code}' -X POST "$url/api/auth/token" -H 'Content-Type: application/json' \
    --data-binary "{\"email\":\"$1\",\"password\":\"$2\"}"
}
[ "$(sign_in admin@keqing.local "$password")" = 200 ] || fail "admin@keqing.local could not sign in with the printed password"
[ "$(sign_in rep1@keqing.local "$demo")" = 200 ] || fail "rep1@keqing.local could not sign in with the demo password"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$url/login")" = 200 ] || fail "GET /login did not answer 200"
echo "first-run check passed: $url, admin and rep1 signed in"
