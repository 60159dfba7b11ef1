using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SecurityHardening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "Hash",
                table: "infra_audit_entries",
                type: "BLOB",
                maxLength: 32,
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "infra_audit_entries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "Label",
                table: "identity_api_tokens",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "infra_audit_chain_head",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    LastSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    LastHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_infra_audit_chain_head", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "infra_audit_chain_head",
                columns: new[] { "Id", "LastHash", "LastSequence" },
                values: new object[] { 1, null, 0L });

            // Rows from before the chain: number them in the order they were written and count them on the head. Their
            // hashes (SHA-256, computed in C#) are filled in at start-up by AuditChainSealer; until then Hash is empty.
            migrationBuilder.Sql("""
                UPDATE infra_audit_entries SET "Sequence" = numbered.rn
                FROM (SELECT "Id", row_number() OVER (ORDER BY "At", "Id") AS rn FROM infra_audit_entries) AS numbered
                WHERE infra_audit_entries."Id" = numbered."Id";
                UPDATE infra_audit_chain_head SET "LastSequence" = (SELECT count(*) FROM infra_audit_entries) WHERE "Id" = 1;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_infra_audit_entries_Sequence",
                table: "infra_audit_entries",
                column: "Sequence",
                unique: true);

            // Append-only: the database itself refuses to change or remove audit rows, or to move the chain head back.
            // The one UPDATE let through is the sealing of a row from before the chain: an empty hash filled in, and
            // nothing else changed.
            migrationBuilder.Sql("""
                CREATE TRIGGER infra_audit_entries_no_update BEFORE UPDATE ON infra_audit_entries
                WHEN NOT (length(OLD."Hash") = 0 AND length(NEW."Hash") = 32
                    AND NEW."Id" IS OLD."Id" AND NEW."Sequence" IS OLD."Sequence" AND NEW."EntityType" IS OLD."EntityType"
                    AND NEW."EntityId" IS OLD."EntityId" AND NEW."Action" IS OLD."Action" AND NEW."UserId" IS OLD."UserId"
                    AND NEW."At" IS OLD."At" AND NEW."Changes" IS OLD."Changes")
                BEGIN SELECT RAISE(ABORT, 'infra_audit_entries is append-only: UPDATE refused'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER infra_audit_entries_no_delete BEFORE DELETE ON infra_audit_entries
                BEGIN SELECT RAISE(ABORT, 'infra_audit_entries is append-only: DELETE refused'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER infra_audit_chain_head_forward_only BEFORE UPDATE ON infra_audit_chain_head
                WHEN NEW."LastSequence" < OLD."LastSequence" OR NEW."Id" <> OLD."Id"
                BEGIN SELECT RAISE(ABORT, 'infra_audit_chain_head only moves forward'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER infra_audit_chain_head_no_delete BEFORE DELETE ON infra_audit_chain_head
                BEGIN SELECT RAISE(ABORT, 'infra_audit_chain_head cannot be deleted'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER infra_audit_entries_no_update;");
            migrationBuilder.Sql("DROP TRIGGER infra_audit_entries_no_delete;");
            migrationBuilder.Sql("DROP TRIGGER infra_audit_chain_head_forward_only;");
            migrationBuilder.Sql("DROP TRIGGER infra_audit_chain_head_no_delete;");

            migrationBuilder.DropTable(
                name: "infra_audit_chain_head");

            migrationBuilder.DropIndex(
                name: "IX_infra_audit_entries_Sequence",
                table: "infra_audit_entries");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "infra_audit_entries");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "infra_audit_entries");

            migrationBuilder.DropColumn(
                name: "Label",
                table: "identity_api_tokens");
        }
    }
}
