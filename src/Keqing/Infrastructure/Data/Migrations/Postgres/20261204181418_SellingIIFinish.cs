using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SellingIIFinish : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_sellthrough_rows_Month_DistributorId",
                table: "sellthrough_rows");

            migrationBuilder.AlterColumn<int>(
                name: "LegalBasis",
                table: "imports_jobs",
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AddColumn<int>(
                name: "Flagged",
                table: "imports_jobs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<decimal>(
                name: "DiscountLimitPercent",
                table: "approvals_requests",
                type: "numeric(7,4)",
                precision: 7,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "DiscountAboveSubmitterLimit",
                table: "approvals_flows",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "quotes_discount_limit_set",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quotes_discount_limit_set", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "quotes_discount_limits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    MaxPercent = table.Column<decimal>(type: "numeric(7,4)", precision: 7, scale: 4, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quotes_discount_limits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sellthrough_summary",
                columns: table => new
                {
                    Month = table.Column<int>(type: "integer", nullable: false),
                    DistributorId = table.Column<Guid>(type: "uuid", nullable: false),
                    CategoryId = table.Column<Guid>(type: "uuid", nullable: false),
                    Closing = table.Column<long>(type: "bigint", nullable: false),
                    AverageSalesTimesSix = table.Column<long>(type: "bigint", nullable: false),
                    Products = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sellthrough_summary", x => new { x.Month, x.DistributorId, x.CategoryId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_sellthrough_rows_Month_DistributorId_ProductId",
                table: "sellthrough_rows",
                columns: new[] { "Month", "DistributorId", "ProductId" })
                .Annotation("Npgsql:IndexInclude", new[] { "Sales", "Closing" });

            migrationBuilder.CreateIndex(
                name: "IX_quotes_Number_Revision",
                table: "quotes",
                columns: new[] { "Number", "Revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_quotes_discount_limits_Role",
                table: "quotes_discount_limits",
                column: "Role",
                unique: true,
                filter: "\"Role\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_quotes_discount_limits_UserId",
                table: "quotes_discount_limits",
                column: "UserId",
                unique: true,
                filter: "\"UserId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "quotes_discount_limit_set");

            migrationBuilder.DropTable(
                name: "quotes_discount_limits");

            migrationBuilder.DropTable(
                name: "sellthrough_summary");

            migrationBuilder.DropIndex(
                name: "IX_sellthrough_rows_Month_DistributorId_ProductId",
                table: "sellthrough_rows");

            migrationBuilder.DropIndex(
                name: "IX_quotes_Number_Revision",
                table: "quotes");

            migrationBuilder.DropColumn(
                name: "Flagged",
                table: "imports_jobs");

            migrationBuilder.DropColumn(
                name: "DiscountLimitPercent",
                table: "approvals_requests");

            migrationBuilder.DropColumn(
                name: "DiscountAboveSubmitterLimit",
                table: "approvals_flows");

            migrationBuilder.AlterColumn<int>(
                name: "LegalBasis",
                table: "imports_jobs",
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_sellthrough_rows_Month_DistributorId",
                table: "sellthrough_rows",
                columns: new[] { "Month", "DistributorId" });
        }
    }
}
