using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Duplicates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DuplicateKey",
                table: "customers",
                type: "character varying(260)",
                maxLength: 260,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<Guid>(
                name: "MergedIntoId",
                table: "customers",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "customers_duplicate_candidates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerAId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerBId = table.Column<Guid>(type: "uuid", nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: false),
                    Reasons = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FoundAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SeenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecidedBy = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_customers_duplicate_candidates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "customers_duplicate_scan",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    LeaseOwner = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    LeaseUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastStartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastFinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastCustomers = table.Column<long>(type: "bigint", nullable: false),
                    LastPairsCompared = table.Column<long>(type: "bigint", nullable: false),
                    LastPairsFound = table.Column<int>(type: "integer", nullable: false),
                    LastSkippedBlocks = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_customers_duplicate_scan", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "customers_duplicate_scan",
                columns: new[] { "Id", "LastCustomers", "LastFinishedAt", "LastPairsCompared", "LastPairsFound", "LastSkippedBlocks", "LastStartedAt", "LeaseOwner", "LeaseUntil" },
                values: new object[] { 1, 0L, null, 0L, 0, "[]", null, null, null });

            migrationBuilder.CreateIndex(
                name: "IX_customers_live_DuplicateKey",
                table: "customers",
                column: "DuplicateKey",
                filter: "\"ArchivedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_customers_MergedIntoId",
                table: "customers",
                column: "MergedIntoId",
                filter: "\"MergedIntoId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_customers_duplicate_candidates_CustomerAId_CustomerBId",
                table: "customers_duplicate_candidates",
                columns: new[] { "CustomerAId", "CustomerBId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_customers_duplicate_candidates_CustomerBId",
                table: "customers_duplicate_candidates",
                column: "CustomerBId");

            migrationBuilder.CreateIndex(
                name: "IX_customers_duplicate_candidates_Status_Score_Id",
                table: "customers_duplicate_candidates",
                columns: new[] { "Status", "Score", "Id" },
                descending: new[] { false, true, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "customers_duplicate_candidates");

            migrationBuilder.DropTable(
                name: "customers_duplicate_scan");

            migrationBuilder.DropIndex(
                name: "IX_customers_live_DuplicateKey",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "IX_customers_MergedIntoId",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "DuplicateKey",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "customers");
        }
    }
}
