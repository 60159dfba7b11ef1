using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CustomerRegistration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CreditCode",
                table: "customers",
                type: "TEXT",
                maxLength: 18,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LegalRepresentative",
                table: "customers",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_customers_CreditCode",
                table: "customers",
                column: "CreditCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_customers_CreditCode",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "CreditCode",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "LegalRepresentative",
                table: "customers");
        }
    }
}
