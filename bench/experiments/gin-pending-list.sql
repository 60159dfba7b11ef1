\set ON_ERROR_STOP 1
CREATE EXTENSION IF NOT EXISTS pg_trgm;
DROP TABLE IF EXISTS c;
CREATE TABLE c (id bigserial primary key, name text, pinyin text);
CREATE INDEX c_name ON c USING gin (name gin_trgm_ops) WITH (:opts);
CREATE INDEX c_pinyin ON c USING gin (pinyin gin_trgm_ops) WITH (:opts);
-- 200,000 names like the import's: city + surname + given name + suffix + hex, and a latin key string
CREATE TEMP TABLE w AS SELECT regexp_split_to_array('上海北京广州深圳杭州南京成都武汉西安长沙厦门福州济南青岛太原合肥', '') AS city,
  regexp_split_to_array('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤', '') AS sur,
  regexp_split_to_array('伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志强文博浩然子涵宇轩思远梓晨鹏飞晓博天翊', '') AS giv;
SELECT pg_current_wal_lsn() AS lsn0 \gset
SELECT clock_timestamp() AS t0 \gset
DO $$
DECLARE b int; w record;
BEGIN
  SELECT * INTO w FROM w;
  FOR b IN 0..99 LOOP
    INSERT INTO c (name, pinyin)
    SELECT w.city[1 + (i*7) % 16] || w.city[1 + (i*3) % 16] || w.sur[1 + (i*13) % 100] || w.giv[1 + (i*17) % 40] || w.giv[1 + (i*29) % 40] || '有限公司' || to_hex(i),
           ' ' || md5(i::text)
    FROM generate_series(b*2000, b*2000+1999) i;
    COMMIT;
  END LOOP;
END $$;
SELECT round(extract(epoch from clock_timestamp() - :'t0')::numeric, 1) AS insert_s,
       pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), :'lsn0')) AS wal;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT id FROM c WHERE name LIKE '%张伟芳有%' LIMIT 2001;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT id FROM c WHERE name LIKE '%张伟芳有%' LIMIT 2001;
SELECT clock_timestamp() AS t1 \gset
SELECT gin_clean_pending_list('c_name'), gin_clean_pending_list('c_pinyin');
SELECT round(extract(epoch from clock_timestamp() - :'t1')::numeric, 2) AS merge_s;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT id FROM c WHERE name LIKE '%张伟芳有%' LIMIT 2001;
