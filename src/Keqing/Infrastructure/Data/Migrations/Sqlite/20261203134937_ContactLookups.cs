using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ContactLookups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "customers_contact_lookups",
                columns: table => new
                {
                    Kind = table.Column<short>(type: "INTEGER", nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    ContactId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_customers_contact_lookups", x => new { x.Kind, x.Value, x.ContactId });
                    table.ForeignKey(
                        name: "FK_customers_contact_lookups_customers_contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "customers_contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_customers_contact_lookups_ContactId",
                table: "customers_contact_lookups",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_customers_contact_lookups_CustomerId",
                table: "customers_contact_lookups",
                column: "CustomerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "customers_contact_lookups");
        }
    }
}
