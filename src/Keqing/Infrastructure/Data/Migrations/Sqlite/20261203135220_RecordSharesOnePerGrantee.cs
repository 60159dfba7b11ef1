using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RecordSharesOnePerGrantee : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_identity_record_shares_RecordType_TeamId_RecordId",
                table: "identity_record_shares");

            migrationBuilder.DropIndex(
                name: "IX_identity_record_shares_RecordType_UserId_RecordId",
                table: "identity_record_shares");

            // Shares repeated before this migration: keep one per grantee and record, the widest (read-write) and then the
            // oldest, so the unique indexes can be built. Written by hand; keep it when regenerating this migration.
            foreach (var grantee in new[] { "UserId", "TeamId" })
                migrationBuilder.Sql($"""
                    DELETE FROM "identity_record_shares" WHERE "{grantee}" IS NOT NULL AND EXISTS (
                        SELECT 1 FROM "identity_record_shares" b
                        WHERE b."RecordType" = "identity_record_shares"."RecordType" AND b."RecordId" = "identity_record_shares"."RecordId"
                          AND b."{grantee}" = "identity_record_shares"."{grantee}" AND b."Id" <> "identity_record_shares"."Id"
                          AND ((b."CanWrite" AND NOT "identity_record_shares"."CanWrite")
                               OR (b."CanWrite" = "identity_record_shares"."CanWrite"
                                   AND (b."CreatedAt" < "identity_record_shares"."CreatedAt"
                                        OR (b."CreatedAt" = "identity_record_shares"."CreatedAt" AND b."Id" < "identity_record_shares"."Id")))))
                    """);

            migrationBuilder.CreateIndex(
                name: "IX_identity_record_shares_RecordType_TeamId_RecordId",
                table: "identity_record_shares",
                columns: new[] { "RecordType", "TeamId", "RecordId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_identity_record_shares_RecordType_UserId_RecordId",
                table: "identity_record_shares",
                columns: new[] { "RecordType", "UserId", "RecordId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_identity_record_shares_RecordType_TeamId_RecordId",
                table: "identity_record_shares");

            migrationBuilder.DropIndex(
                name: "IX_identity_record_shares_RecordType_UserId_RecordId",
                table: "identity_record_shares");

            migrationBuilder.CreateIndex(
                name: "IX_identity_record_shares_RecordType_TeamId_RecordId",
                table: "identity_record_shares",
                columns: new[] { "RecordType", "TeamId", "RecordId" });

            migrationBuilder.CreateIndex(
                name: "IX_identity_record_shares_RecordType_UserId_RecordId",
                table: "identity_record_shares",
                columns: new[] { "RecordType", "UserId", "RecordId" });
        }
    }
}
