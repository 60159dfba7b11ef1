#!/bin/bash
cd "$(dirname "$0")/../.."
for i in 1 2 3 4 5; do
  echo "=== run $i start $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> /tmp/after-import-runs.txt
  dotnet run -c Release --no-build --project bench/Keqing.Bench -- import --provider postgres --rows 200000 --no-resume --search-after 2>&1 | grep -v "^warn\|The query uses\|^  [0-9,]*/200,000" >> /tmp/after-import-runs.txt
  echo "=== run $i end $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)" >> /tmp/after-import-runs.txt
done
