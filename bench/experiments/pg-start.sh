#!/bin/bash
set -e
D=/tmp/keqing-exp-pg; rm -rf $D; mkdir -p $D; chown postgres:postgres $D
B=/usr/lib/postgresql/15/bin
runuser -u postgres -- $B/initdb -D $D/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync --no-instructions > /dev/null
runuser -u postgres -- $B/pg_ctl -D $D/data -l $D/server.log -o "-p 55432 -k $D -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=512MB -c maintenance_work_mem=1GB -c work_mem=32MB -c max_wal_size=8GB -c checkpoint_timeout=30min -c effective_cache_size=8GB" -w start > /dev/null
$B/psql -h 127.0.0.1 -p 55432 -U postgres -X -q -c "CREATE DATABASE keqing_bench"
echo started
