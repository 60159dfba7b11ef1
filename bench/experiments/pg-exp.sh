#!/bin/bash
# usage: pg-exp.sh PORT ; runs each query 7 times (1 warm-up) and prints the median EXPLAIN ANALYZE execution time
PORT=$1
PSQL="/usr/lib/postgresql/15/bin/psql -h 127.0.0.1 -p $PORT -U postgres -d keqing_bench -X -q -t -A"
REP=$($PSQL -c "SELECT \"Id\" FROM identity_users WHERE \"UserName\"='user7@bench.keqing.local'")
TEAM=$($PSQL -c "SELECT \"TeamId\" FROM identity_users WHERE \"UserName\"='user7@bench.keqing.local'")
COLS='c."Id", c."Address", c."Aliases", c."ArchivedAt", c."City", c."CreatedAt", c."CustomFields", c."Emails", c."Grade", c."Industry", c."Kind", c."Name", c."OwnerId", c."Phones", c."PinyinKeys", c."Province", c."SearchName", c."Source", c."Tags", c."TeamId", c."UpdatedAt", c."Version", c."Website"'
run() { # name, sql
  local times=()
  $PSQL -c "EXPLAIN ANALYZE $2" > /dev/null
  for i in 1 2 3 4 5 6 7; do times+=($($PSQL -c "EXPLAIN (ANALYZE) $2" | grep 'Execution Time' | awk '{print $3}')); done
  printf "%-48s median %8s ms   (%s)\n" "$1" "$(printf '%s\n' "${times[@]}" | sort -g | sed -n 4p)" "$(printf '%s ' "${times[@]}")"
}
search() { # name, like-name, like-pinyin-or-empty, tag
  local arms="SELECT \"Id\" FROM customers WHERE \"SearchName\" LIKE '$2'"
  [ -n "$3" ] && arms="$arms UNION SELECT \"Id\" FROM customers WHERE \"PinyinKeys\" LIKE '$3'"
  arms="$arms UNION SELECT \"CustomerId\" FROM customers_lookups WHERE \"Kind\" = 3 AND \"Value\" = '$4'"
  run "$1" "SELECT $COLS FROM customers c WHERE c.\"ArchivedAt\" IS NULL AND c.\"Id\" IN ($arms) ORDER BY c.\"Name\", c.\"Id\" LIMIT 51"
}
echo "== union search, admin"
search "name prefix 太原德" '%太原德%' '' '太原德'
search "name substring 仁华盛" '%仁华盛%' '' '仁华盛'
search "name 2 chars 张伟" '%张伟%' '' '张伟'
search "pinyin initials tydr" '%tydr%' '% tydr%' 'tydr'
search "pinyin full zhangwei" '%zhangwei%' '% zhangwei%' 'zhangwei'
echo "== list, admin, partial index (Name, Id) WHERE ArchivedAt IS NULL"
$PSQL -c "CREATE INDEX exp_customers_live_name ON customers (\"Name\", \"Id\") WHERE \"ArchivedAt\" IS NULL; ANALYZE customers;"
run "page 1" "SELECT $COLS FROM customers c WHERE c.\"ArchivedAt\" IS NULL ORDER BY c.\"Name\", c.\"Id\" LIMIT 51"
CUR=$($PSQL -F '|' -c "SELECT \"Name\" || '|' || \"Id\" FROM customers WHERE \"ArchivedAt\" IS NULL ORDER BY \"Name\", \"Id\" OFFSET 499949 LIMIT 1")
N=${CUR%%|*}; ID=${CUR##*|}
run "page 10,000" "SELECT $COLS FROM customers c WHERE c.\"ArchivedAt\" IS NULL AND (c.\"Name\" > '$N' OR (c.\"Name\" = '$N' AND c.\"Id\" > '$ID')) ORDER BY c.\"Name\", c.\"Id\" LIMIT 51"
run "page 10,000, row-value keyset" "SELECT $COLS FROM customers c WHERE c.\"ArchivedAt\" IS NULL AND (c.\"Name\", c.\"Id\") > ('$N', '$ID') ORDER BY c.\"Name\", c.\"Id\" LIMIT 51"
echo "== union search with the partial index present"
search "name substring 仁华盛" '%仁华盛%' '' '仁华盛'
search "pinyin full zhangwei" '%zhangwei%' '% zhangwei%' 'zhangwei'
echo "== SalesRep: visible = owner UNION shares"
VIS="SELECT \"Id\" FROM customers WHERE \"OwnerId\" = '$REP' UNION SELECT \"RecordId\" FROM identity_record_shares WHERE \"RecordType\" = 'Customer' AND (\"UserId\" = '$REP' OR \"TeamId\" = '$TEAM') AND (\"ExpiresAt\" IS NULL OR \"ExpiresAt\" > now())"
run "rep page 1" "SELECT $COLS FROM customers c WHERE c.\"ArchivedAt\" IS NULL AND c.\"Id\" IN ($VIS) ORDER BY c.\"Name\", c.\"Id\" LIMIT 51"
run "rep capped count" "SELECT count(*) FROM (SELECT 1 FROM customers c WHERE c.\"ArchivedAt\" IS NULL AND c.\"Id\" IN ($VIS) LIMIT 10001) t"
run "rep search zhangwei" "SELECT $COLS FROM customers c WHERE c.\"ArchivedAt\" IS NULL AND c.\"Id\" IN ($VIS) AND c.\"Id\" IN (SELECT \"Id\" FROM customers WHERE \"SearchName\" LIKE '%zhangwei%' UNION SELECT \"Id\" FROM customers WHERE \"PinyinKeys\" LIKE '% zhangwei%' UNION SELECT \"CustomerId\" FROM customers_lookups WHERE \"Kind\" = 3 AND \"Value\" = 'zhangwei') ORDER BY c.\"Name\", c.\"Id\" LIMIT 51"
echo "== admin capped count, name prefix, union"
run "count 太原德" "SELECT count(*) FROM (SELECT 1 FROM customers c WHERE c.\"ArchivedAt\" IS NULL AND c.\"Id\" IN (SELECT \"Id\" FROM customers WHERE \"SearchName\" LIKE '%太原德%' UNION SELECT \"CustomerId\" FROM customers_lookups WHERE \"Kind\" = 3 AND \"Value\" = '太原德') LIMIT 10001) t"
