using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class JobLeases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_imports_jobs_Status_LeaseUntil",
                table: "imports_jobs");

            migrationBuilder.DropColumn(
                name: "LeaseOwner",
                table: "notifications_outbox");

            migrationBuilder.DropColumn(
                name: "LeaseUntil",
                table: "notifications_outbox");

            migrationBuilder.DropColumn(
                name: "LeaseOwner",
                table: "imports_jobs");

            migrationBuilder.DropColumn(
                name: "LeaseUntil",
                table: "imports_jobs");

            migrationBuilder.DropColumn(
                name: "LeaseOwner",
                table: "customers_duplicate_scan");

            migrationBuilder.DropColumn(
                name: "LeaseUntil",
                table: "customers_duplicate_scan");

            migrationBuilder.CreateTable(
                name: "infra_job_leases",
                columns: table => new
                {
                    Job = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Item = table.Column<Guid>(type: "uuid", nullable: false),
                    Owner = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AcquiredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_infra_job_leases", x => new { x.Job, x.Item });
                });

            migrationBuilder.CreateIndex(
                name: "IX_imports_jobs_Status_CreatedAt",
                table: "imports_jobs",
                columns: new[] { "Status", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "infra_job_leases");

            migrationBuilder.DropIndex(
                name: "IX_imports_jobs_Status_CreatedAt",
                table: "imports_jobs");

            migrationBuilder.AddColumn<string>(
                name: "LeaseOwner",
                table: "notifications_outbox",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LeaseUntil",
                table: "notifications_outbox",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LeaseOwner",
                table: "imports_jobs",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LeaseUntil",
                table: "imports_jobs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LeaseOwner",
                table: "customers_duplicate_scan",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LeaseUntil",
                table: "customers_duplicate_scan",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.UpdateData(
                table: "customers_duplicate_scan",
                keyColumn: "Id",
                keyValue: 1,
                columns: new[] { "LeaseOwner", "LeaseUntil" },
                values: new object[] { null, null });

            migrationBuilder.CreateIndex(
                name: "IX_imports_jobs_Status_LeaseUntil",
                table: "imports_jobs",
                columns: new[] { "Status", "LeaseUntil" });
        }
    }
}
