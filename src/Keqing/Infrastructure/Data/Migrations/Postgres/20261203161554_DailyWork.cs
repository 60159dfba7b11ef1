using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DailyWork : Migration
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

            migrationBuilder.DropIndex(
                name: "IX_customers_Grade_Name",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "IX_customers_live_Owner",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "IX_customers_live_Team",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "IX_customers_Province_Name",
                table: "customers");

            migrationBuilder.AddColumn<DateTime>(
                name: "NextStepDoneAt",
                table: "timeline_interactions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DueAt",
                table: "timeline_entries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Fingerprint",
                table: "infra_idempotency",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "OwnerId",
                table: "imports_jobs",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "OwnerTeamId",
                table: "imports_jobs",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NameSortKey",
                table: "customers",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                defaultValue: "",
                collation: "C");

            migrationBuilder.CreateTable(
                name: "customers_contact_lookups",
                columns: table => new
                {
                    Kind = table.Column<short>(type: "smallint", nullable: false),
                    Value = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false, collation: "C"),
                    ContactId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_customers_contact_lookups", x => new { x.Kind, x.Value, x.ContactId });
                    table.ForeignKey(
                        name: "FK_customers_contact_lookups_customers_contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "customers_contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "customers_recent",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_customers_recent", x => new { x.UserId, x.CustomerId });
                });

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

            migrationBuilder.CreateIndex(
                name: "IX_customers_Grade_NameSortKey",
                table: "customers",
                columns: new[] { "Grade", "NameSortKey" });

            migrationBuilder.CreateIndex(
                name: "IX_customers_live_NameSortKey",
                table: "customers",
                columns: new[] { "NameSortKey", "Id" },
                filter: "\"ArchivedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_customers_live_Owner",
                table: "customers",
                columns: new[] { "OwnerId", "NameSortKey", "Id" },
                filter: "\"ArchivedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_customers_live_Team",
                table: "customers",
                columns: new[] { "TeamId", "NameSortKey", "Id" },
                filter: "\"ArchivedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_customers_Province_NameSortKey",
                table: "customers",
                columns: new[] { "Province", "NameSortKey" });

            migrationBuilder.CreateIndex(
                name: "IX_customers_contact_lookups_ContactId",
                table: "customers_contact_lookups",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_customers_contact_lookups_CustomerId",
                table: "customers_contact_lookups",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_customers_recent_UserId_OpenedAt",
                table: "customers_recent",
                columns: new[] { "UserId", "OpenedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "customers_contact_lookups");

            migrationBuilder.DropTable(
                name: "customers_recent");

            migrationBuilder.DropIndex(
                name: "IX_identity_record_shares_RecordType_TeamId_RecordId",
                table: "identity_record_shares");

            migrationBuilder.DropIndex(
                name: "IX_identity_record_shares_RecordType_UserId_RecordId",
                table: "identity_record_shares");

            migrationBuilder.DropIndex(
                name: "IX_customers_Grade_NameSortKey",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "IX_customers_live_NameSortKey",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "IX_customers_live_Owner",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "IX_customers_live_Team",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "IX_customers_Province_NameSortKey",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "NextStepDoneAt",
                table: "timeline_interactions");

            migrationBuilder.DropColumn(
                name: "DueAt",
                table: "timeline_entries");

            migrationBuilder.DropColumn(
                name: "Fingerprint",
                table: "infra_idempotency");

            migrationBuilder.DropColumn(
                name: "OwnerId",
                table: "imports_jobs");

            migrationBuilder.DropColumn(
                name: "OwnerTeamId",
                table: "imports_jobs");

            migrationBuilder.DropColumn(
                name: "NameSortKey",
                table: "customers");

            migrationBuilder.CreateIndex(
                name: "IX_identity_record_shares_RecordType_TeamId_RecordId",
                table: "identity_record_shares",
                columns: new[] { "RecordType", "TeamId", "RecordId" });

            migrationBuilder.CreateIndex(
                name: "IX_identity_record_shares_RecordType_UserId_RecordId",
                table: "identity_record_shares",
                columns: new[] { "RecordType", "UserId", "RecordId" });

            migrationBuilder.CreateIndex(
                name: "IX_customers_Grade_Name",
                table: "customers",
                columns: new[] { "Grade", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_customers_live_Owner",
                table: "customers",
                columns: new[] { "OwnerId", "Name", "Id" },
                filter: "\"ArchivedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_customers_live_Team",
                table: "customers",
                columns: new[] { "TeamId", "Name", "Id" },
                filter: "\"ArchivedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_customers_Province_Name",
                table: "customers",
                columns: new[] { "Province", "Name" });
        }
    }
}
