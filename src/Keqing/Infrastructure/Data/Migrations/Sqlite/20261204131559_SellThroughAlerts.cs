using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SellThroughAlerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sellthrough_alerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistributorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<short>(type: "INTEGER", nullable: false),
                    MonthsOfStock = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sellthrough_alerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sellthrough_settings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MonthsOfStockLimit = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: false),
                    ReportingDay = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sellthrough_settings", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_sellthrough_alerts_DistributorId_ProductId_Month_Kind",
                table: "sellthrough_alerts",
                columns: new[] { "DistributorId", "ProductId", "Month", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sellthrough_alerts_Month_CreatedAt",
                table: "sellthrough_alerts",
                columns: new[] { "Month", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sellthrough_alerts");

            migrationBuilder.DropTable(
                name: "sellthrough_settings");
        }
    }
}
