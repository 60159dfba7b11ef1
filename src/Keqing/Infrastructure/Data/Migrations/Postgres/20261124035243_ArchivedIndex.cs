using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ArchivedIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_customers_ArchivedAt",
                table: "customers");

            migrationBuilder.CreateIndex(
                name: "IX_customers_archived",
                table: "customers",
                column: "ArchivedAt",
                filter: "\"ArchivedAt\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_customers_archived",
                table: "customers");

            migrationBuilder.CreateIndex(
                name: "IX_customers_ArchivedAt",
                table: "customers",
                column: "ArchivedAt");
        }
    }
}
