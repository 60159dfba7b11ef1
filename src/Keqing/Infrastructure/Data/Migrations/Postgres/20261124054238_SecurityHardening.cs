using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Postgres
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
                type: "bytea",
                maxLength: 32,
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "infra_audit_entries",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "Label",
                table: "identity_api_tokens",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "infra_audit_chain_head",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    LastSequence = table.Column<long>(type: "bigint", nullable: false),
                    LastHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: true)
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
            migrationBuilder.Sql("""
                CREATE FUNCTION infra_audit_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'infra_audit_entries is append-only: % refused', TG_OP;
                END $$;
                -- The one UPDATE let through is the sealing of a row from before the chain: an empty hash filled in,
                -- and nothing else changed.
                CREATE FUNCTION infra_audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' THEN
                        IF octet_length(OLD."Hash") = 0 AND octet_length(NEW."Hash") = 32
                            AND (NEW."Id", NEW."Sequence", NEW."EntityType", NEW."EntityId", NEW."Action", NEW."UserId", NEW."At", NEW."Changes")
                                IS NOT DISTINCT FROM
                                (OLD."Id", OLD."Sequence", OLD."EntityType", OLD."EntityId", OLD."Action", OLD."UserId", OLD."At", OLD."Changes")
                        THEN
                            RETURN NEW;
                        END IF;
                    END IF;
                    RAISE EXCEPTION 'infra_audit_entries is append-only: % refused', TG_OP;
                END $$;
                CREATE TRIGGER infra_audit_entries_append_only BEFORE UPDATE OR DELETE ON infra_audit_entries
                    FOR EACH ROW EXECUTE FUNCTION infra_audit_entries_append_only();
                CREATE TRIGGER infra_audit_entries_no_truncate BEFORE TRUNCATE ON infra_audit_entries
                    FOR EACH STATEMENT EXECUTE FUNCTION infra_audit_reject_change();
                CREATE FUNCTION infra_audit_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP <> 'UPDATE' OR NEW."LastSequence" < OLD."LastSequence" OR NEW."Id" <> OLD."Id" THEN
                        RAISE EXCEPTION 'infra_audit_chain_head only moves forward: % refused', TG_OP;
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER infra_audit_chain_head_forward_only BEFORE UPDATE OR DELETE ON infra_audit_chain_head
                    FOR EACH ROW EXECUTE FUNCTION infra_audit_head_forward_only();
                CREATE TRIGGER infra_audit_chain_head_no_truncate BEFORE TRUNCATE ON infra_audit_chain_head
                    FOR EACH STATEMENT EXECUTE FUNCTION infra_audit_reject_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER infra_audit_entries_append_only ON infra_audit_entries;
                DROP TRIGGER infra_audit_entries_no_truncate ON infra_audit_entries;
                DROP TRIGGER infra_audit_chain_head_forward_only ON infra_audit_chain_head;
                DROP TRIGGER infra_audit_chain_head_no_truncate ON infra_audit_chain_head;
                DROP FUNCTION infra_audit_head_forward_only();
                DROP FUNCTION infra_audit_entries_append_only();
                DROP FUNCTION infra_audit_reject_change();
                """);

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
