using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NameSortKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.AddColumn<string>(
                name: "NameSortKey",
                table: "customers",
                type: "TEXT",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
                name: "NameSortKey",
                table: "customers");

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
