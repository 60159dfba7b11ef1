using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CustomerListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_customers_ArchivedAt_CreatedAt_Id",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "IX_customers_ArchivedAt_Name_Id",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "IX_customers_ArchivedAt_UpdatedAt_Id",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "IX_customers_OwnerId_Name",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "IX_customers_TeamId_Name",
                table: "customers");

            migrationBuilder.CreateIndex(
                name: "IX_customers_archived",
                table: "customers",
                column: "ArchivedAt",
                filter: "\"ArchivedAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_customers_live_CreatedAt",
                table: "customers",
                columns: new[] { "CreatedAt", "Id" },
                filter: "\"ArchivedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_customers_live_Name",
                table: "customers",
                columns: new[] { "Name", "Id" },
                filter: "\"ArchivedAt\" IS NULL");

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
                name: "IX_customers_live_UpdatedAt",
                table: "customers",
                columns: new[] { "UpdatedAt", "Id" },
                filter: "\"ArchivedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_customers_archived",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "IX_customers_live_CreatedAt",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "IX_customers_live_Name",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "IX_customers_live_Owner",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "IX_customers_live_Team",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "IX_customers_live_UpdatedAt",
                table: "customers");

            migrationBuilder.CreateIndex(
                name: "IX_customers_ArchivedAt_CreatedAt_Id",
                table: "customers",
                columns: new[] { "ArchivedAt", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_customers_ArchivedAt_Name_Id",
                table: "customers",
                columns: new[] { "ArchivedAt", "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_customers_ArchivedAt_UpdatedAt_Id",
                table: "customers",
                columns: new[] { "ArchivedAt", "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_customers_OwnerId_Name",
                table: "customers",
                columns: new[] { "OwnerId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_customers_TeamId_Name",
                table: "customers",
                columns: new[] { "TeamId", "Name" });
        }
    }
}
