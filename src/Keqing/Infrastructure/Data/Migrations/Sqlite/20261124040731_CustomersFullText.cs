using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CustomersFullText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // FTS5 trigram index over the search columns (substring search on names, token-prefix search on pinyin
            // keys), as external content of `customers` keyed by its rowid, kept in step by triggers.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE customers_fts USING fts5(
                    SearchName, PinyinKeys, content='customers', content_rowid='rowid', tokenize='trigram');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER customers_fts_insert AFTER INSERT ON customers BEGIN
                    INSERT INTO customers_fts(rowid, SearchName, PinyinKeys) VALUES (new.rowid, new.SearchName, new.PinyinKeys);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER customers_fts_delete AFTER DELETE ON customers BEGIN
                    INSERT INTO customers_fts(customers_fts, rowid, SearchName, PinyinKeys) VALUES ('delete', old.rowid, old.SearchName, old.PinyinKeys);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER customers_fts_update AFTER UPDATE OF SearchName, PinyinKeys ON customers BEGIN
                    INSERT INTO customers_fts(customers_fts, rowid, SearchName, PinyinKeys) VALUES ('delete', old.rowid, old.SearchName, old.PinyinKeys);
                    INSERT INTO customers_fts(rowid, SearchName, PinyinKeys) VALUES (new.rowid, new.SearchName, new.PinyinKeys);
                END;
                """);
            migrationBuilder.Sql("INSERT INTO customers_fts(customers_fts) VALUES ('rebuild');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS customers_fts_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS customers_fts_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS customers_fts_insert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS customers_fts;");
        }
    }
}
