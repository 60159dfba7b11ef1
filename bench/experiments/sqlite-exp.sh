#!/bin/bash
DB=$1
S="sqlite3 $DB"
COLS='c."Id", c."Address", c."Aliases", c."ArchivedAt", c."City", c."CreatedAt", c."CustomFields", c."Emails", c."Grade", c."Industry", c."Kind", c."Name", c."OwnerId", c."Phones", c."PinyinKeys", c."Province", c."SearchName", c."Source", c."Tags", c."TeamId", c."UpdatedAt", c."Version", c."Website"'
echo "== build FTS5 trigram index (external content over customers)"
time $S "CREATE VIRTUAL TABLE IF NOT EXISTS customers_fts USING fts5(SearchName, PinyinKeys, content='customers', content_rowid='rowid', tokenize='trigram'); INSERT INTO customers_fts(customers_fts) VALUES('rebuild');"
run() { # name sql ; 7 runs, median wall time via the CLI timer
  local out
  out=$( (echo ".timer on"; for i in 1 2 3 4 5 6 7 8; do echo "$2;"; done) | $S 2>&1 | grep '^Run Time' | tail -7 | awk '{print $4*1000}' | sort -g)
  printf "%-44s median %8.2f ms  (%s)\n" "$1" "$(echo "$out" | sed -n 4p)" "$(echo $out)"
}
search() { # name like-name like-pinyin-or-empty tag
  local arms="SELECT rowid FROM customers_fts WHERE SearchName LIKE '$2'"
  [ -n "$3" ] && arms="$arms UNION SELECT rowid FROM customers_fts WHERE PinyinKeys LIKE '$3'"
  arms="$arms UNION SELECT c1.rowid FROM customers c1 WHERE c1.\"Id\" IN (SELECT \"CustomerId\" FROM customers_lookups WHERE \"Kind\" = 3 AND \"Value\" = '$4')"
  run "fts $1" "SELECT $COLS FROM customers c WHERE c.\"ArchivedAt\" IS NULL AND c.rowid IN ($arms) ORDER BY c.\"Name\", c.\"Id\" LIMIT 51"
  run "like $1 (today's shape)" "SELECT $COLS FROM customers c WHERE c.\"ArchivedAt\" IS NULL AND (c.\"SearchName\" LIKE '$2' $( [ -n "$3" ] && echo "OR c.\"PinyinKeys\" LIKE '$3'") OR c.\"Id\" IN (SELECT \"CustomerId\" FROM customers_lookups WHERE \"Kind\" = 3 AND \"Value\" = '$4')) ORDER BY c.\"Name\", c.\"Id\" LIMIT 51"
}
P=$1; shift
search "name prefix $1" "%$1%" '' "$1"
search "name substring $2" "%$2%" '' "$2"
search "name 2 chars 张伟" '%张伟%' '' '张伟'
search "pinyin initials $3" "%$3%" "% $3%" "$3"
search "pinyin full zhangwei" '%zhangwei%' '% zhangwei%' 'zhangwei'
echo "plan:"; $S "EXPLAIN QUERY PLAN SELECT c.\"Id\" FROM customers c WHERE c.\"ArchivedAt\" IS NULL AND c.rowid IN (SELECT rowid FROM customers_fts WHERE SearchName LIKE '%$2%') ORDER BY c.\"Name\", c.\"Id\" LIMIT 51"
