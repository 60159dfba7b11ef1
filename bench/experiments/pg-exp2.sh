#!/bin/bash
# usage: pg-exp2.sh (cluster from pg-start.sh on port 55432, loaded with --load-only)
PORT=55432
PSQL="/usr/lib/postgresql/15/bin/psql -h 127.0.0.1 -p $PORT -U postgres -d keqing_bench -X -q -t -A"
REP=$($PSQL -c "SELECT \"Id\" FROM identity_users WHERE \"UserName\"='user7@bench.keqing.local'")
TEAM=$($PSQL -c "SELECT \"TeamId\" FROM identity_users WHERE \"UserName\"='user7@bench.keqing.local'")
COLS='c."Id", c."Address", c."Aliases", c."ArchivedAt", c."City", c."CreatedAt", c."CustomFields", c."Emails", c."Grade", c."Industry", c."Kind", c."Name", c."OwnerId", c."Phones", c."PinyinKeys", c."Province", c."SearchName", c."Source", c."Tags", c."TeamId", c."UpdatedAt", c."Version", c."Website"'
run() { local times=(); $PSQL -c "EXPLAIN ANALYZE $2" > /dev/null
  for i in 1 2 3 4 5 6 7; do times+=($($PSQL -c "EXPLAIN (ANALYZE) $2" | grep 'Execution Time' | awk '{print $3}')); done
  printf "%-52s median %8s ms   (%s)\n" "$1" "$(printf '%s\n' "${times[@]}" | sort -g | sed -n 4p)" "$(printf '%s ' "${times[@]}")"; }
CUR=$($PSQL -F '|' -c "SELECT \"Name\" || '|' || \"Id\" FROM customers WHERE \"ArchivedAt\" IS NULL ORDER BY \"Name\", \"Id\" OFFSET 499949 LIMIT 1")
N=${CUR%%|*}; ID=${CUR##*|}


SH="SELECT \"RecordId\" FROM identity_record_shares WHERE \"RecordType\" = 'Customer' AND (\"UserId\" = '$REP' OR \"TeamId\" = '$TEAM') AND (\"ExpiresAt\" IS NULL OR \"ExpiresAt\" > now())"
run "rep page 1: own (ordered, limit) UNION shared" "SELECT * FROM ((SELECT $COLS FROM customers c WHERE c.\"ArchivedAt\" IS NULL AND c.\"OwnerId\" = '$REP' ORDER BY c.\"Name\", c.\"Id\" LIMIT 51) UNION ALL (SELECT $COLS FROM customers c WHERE c.\"ArchivedAt\" IS NULL AND c.\"OwnerId\" <> '$REP' AND c.\"Id\" IN ($SH) ORDER BY c.\"Name\", c.\"Id\" LIMIT 51)) t ORDER BY \"Name\", \"Id\" LIMIT 51"
run "rep page 1: IN (own UNION shared), owner index" "SELECT $COLS FROM customers c WHERE c.\"ArchivedAt\" IS NULL AND c.\"Id\" IN (SELECT \"Id\" FROM customers WHERE \"OwnerId\" = '$REP' UNION $SH) ORDER BY c.\"Name\", c.\"Id\" LIMIT 51"
run "rep capped count: own + shared not own" "SELECT (SELECT count(*) FROM (SELECT 1 FROM customers c WHERE c.\"ArchivedAt\" IS NULL AND c.\"OwnerId\" = '$REP' LIMIT 10001) a) + (SELECT count(*) FROM customers c WHERE c.\"ArchivedAt\" IS NULL AND c.\"OwnerId\" <> '$REP' AND c.\"Id\" IN ($SH))"
run "rep search zhangwei: own-or-shared AND union search" "SELECT $COLS FROM customers c WHERE c.\"ArchivedAt\" IS NULL AND (c.\"OwnerId\" = '$REP' OR c.\"Id\" IN ($SH)) AND c.\"Id\" IN (SELECT \"Id\" FROM customers WHERE \"SearchName\" LIKE '%zhangwei%' UNION SELECT \"Id\" FROM customers WHERE \"PinyinKeys\" LIKE '% zhangwei%' UNION SELECT \"CustomerId\" FROM customers_lookups WHERE \"Kind\" = 3 AND \"Value\" = 'zhangwei') ORDER BY c.\"Name\", c.\"Id\" LIMIT 51"

# First pass also ran (results in bench/results/experiments.md), with CUR/N/ID as in pg-exp.sh:
# run "page 10,000, Name >= n AND (Name > n OR Id > id)" "SELECT $COLS FROM customers c WHERE c.\"ArchivedAt\" IS NULL AND c.\"Name\" >= '$N' AND (c.\"Name\" > '$N' OR c.\"Id\" > '$ID') ORDER BY c.\"Name\", c.\"Id\" LIMIT 51"
# run "name 2 chars 张伟: Name prefix range (C collation)" "SELECT $COLS FROM customers c WHERE c.\"ArchivedAt\" IS NULL AND c.\"Name\" >= '张伟' AND c.\"Name\" < '张伟' || chr(1114111) ORDER BY c.\"Name\", c.\"Id\" LIMIT 51"
# The partial owner index: CREATE INDEX exp_customers_live_owner ON customers ("OwnerId", "Name", "Id") WHERE "ArchivedAt" IS NULL; then VACUUM ANALYZE customers (separately).
