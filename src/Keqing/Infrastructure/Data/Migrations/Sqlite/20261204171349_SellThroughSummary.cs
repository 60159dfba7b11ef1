using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SellThroughSummary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sellthrough_summary",
                columns: table => new
                {
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    DistributorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CategoryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Closing = table.Column<long>(type: "INTEGER", nullable: false),
                    AverageSalesTimesSix = table.Column<long>(type: "INTEGER", nullable: false),
                    Products = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sellthrough_summary", x => new { x.Month, x.DistributorId, x.CategoryId });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sellthrough_summary");
        }
    }
}
