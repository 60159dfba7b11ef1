using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 260,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "MergedIntoId",
                table: "customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "customers_duplicate_candidates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerAId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerBId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: false),
                    Reasons = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FoundAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SeenAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_customers_duplicate_candidates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "customers_duplicate_scan",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    LeaseOwner = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LeaseUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastStartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastFinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastCustomers = table.Column<long>(type: "INTEGER", nullable: false),
                    LastPairsCompared = table.Column<long>(type: "INTEGER", nullable: false),
                    LastPairsFound = table.Column<int>(type: "INTEGER", nullable: false),
                    LastSkippedBlocks = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
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
