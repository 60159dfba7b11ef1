using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Privacy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Sensitivity",
                table: "customers_custom_fields",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Family",
                table: "customers_contacts",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "privacy_boundary_overrides",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    SourceType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SourceId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_privacy_boundary_overrides", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "privacy_consents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Purpose = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Granted = table.Column<bool>(type: "boolean", nullable: false),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    WithdrawnAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WithdrawnBy = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_privacy_consents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "privacy_grants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Category = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Level = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_privacy_grants", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "privacy_reveals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Category = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_privacy_reveals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "privacy_suppression_key",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_privacy_suppression_key", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "privacy_suppressions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_privacy_suppressions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_privacy_boundary_overrides_CustomerId_Id",
                table: "privacy_boundary_overrides",
                columns: new[] { "CustomerId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_privacy_boundary_overrides_UserId_Id",
                table: "privacy_boundary_overrides",
                columns: new[] { "UserId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_privacy_consents_CustomerId",
                table: "privacy_consents",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_privacy_consents_SubjectType_SubjectId_Purpose",
                table: "privacy_consents",
                columns: new[] { "SubjectType", "SubjectId", "Purpose" });

            migrationBuilder.CreateIndex(
                name: "IX_privacy_grants_Role_Category",
                table: "privacy_grants",
                columns: new[] { "Role", "Category" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_privacy_reveals_UserId_SubjectId_ExpiresAt",
                table: "privacy_reveals",
                columns: new[] { "UserId", "SubjectId", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_privacy_suppressions_Hash",
                table: "privacy_suppressions",
                column: "Hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "privacy_boundary_overrides");

            migrationBuilder.DropTable(
                name: "privacy_consents");

            migrationBuilder.DropTable(
                name: "privacy_grants");

            migrationBuilder.DropTable(
                name: "privacy_reveals");

            migrationBuilder.DropTable(
                name: "privacy_suppression_key");

            migrationBuilder.DropTable(
                name: "privacy_suppressions");

            migrationBuilder.DropColumn(
                name: "Sensitivity",
                table: "customers_custom_fields");

            migrationBuilder.DropColumn(
                name: "Family",
                table: "customers_contacts");
        }
    }
}
