using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ForecastIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_opportunities_live_Close",
                table: "opportunities");

            migrationBuilder.CreateIndex(
                name: "IX_opportunities_live_Close",
                table: "opportunities",
                columns: new[] { "Status", "ExpectedCloseDate" },
                filter: "\"ArchivedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_opportunities_live_Closed",
                table: "opportunities",
                columns: new[] { "Status", "ClosedAt" },
                filter: "\"ArchivedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_opportunities_live_Close",
                table: "opportunities");

            migrationBuilder.DropIndex(
                name: "IX_opportunities_live_Closed",
                table: "opportunities");

            migrationBuilder.CreateIndex(
                name: "IX_opportunities_live_Close",
                table: "opportunities",
                columns: new[] { "ExpectedCloseDate", "Status" },
                filter: "\"ArchivedAt\" IS NULL");
        }
    }
}
