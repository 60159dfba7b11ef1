using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SellThroughIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_sellthrough_rows_Month_DistributorId",
                table: "sellthrough_rows");

            migrationBuilder.CreateIndex(
                name: "IX_sellthrough_rows_Month_DistributorId_ProductId",
                table: "sellthrough_rows",
                columns: new[] { "Month", "DistributorId", "ProductId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_sellthrough_rows_Month_DistributorId_ProductId",
                table: "sellthrough_rows");

            migrationBuilder.CreateIndex(
                name: "IX_sellthrough_rows_Month_DistributorId",
                table: "sellthrough_rows",
                columns: new[] { "Month", "DistributorId" });
        }
    }
}
