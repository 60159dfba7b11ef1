using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DispatchesRecycleBoundsTodoAndKbIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "FollowUpFrom",
                table: "pools_customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "OwnedFrom",
                table: "pools_customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "field_dispatches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordType = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordLabel = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordLink = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    WindowFrom = table.Column<DateTime>(type: "TEXT", nullable: false),
                    WindowTo = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ResultNote = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ResultAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    VisitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DispatchedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_field_dispatches", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_pools_warnings_OwnerId_DueAt",
                table: "pools_warnings",
                columns: new[] { "OwnerId", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_pools_customers_due_FollowUpFrom",
                table: "pools_customers",
                column: "FollowUpFrom",
                filter: "\"PoolId\" IS NULL AND \"LockedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_pools_customers_due_OwnedFrom",
                table: "pools_customers",
                column: "OwnedFrom",
                filter: "\"PoolId\" IS NULL AND \"LockedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_kb_articles_UpdatedAt",
                table: "kb_articles",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_field_dispatches_CustomerId",
                table: "field_dispatches",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_field_dispatches_OwnerId_WindowFrom",
                table: "field_dispatches",
                columns: new[] { "OwnerId", "WindowFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_field_dispatches_RecordType_RecordId",
                table: "field_dispatches",
                columns: new[] { "RecordType", "RecordId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "field_dispatches");

            migrationBuilder.DropIndex(
                name: "IX_pools_warnings_OwnerId_DueAt",
                table: "pools_warnings");

            migrationBuilder.DropIndex(
                name: "IX_pools_customers_due_FollowUpFrom",
                table: "pools_customers");

            migrationBuilder.DropIndex(
                name: "IX_pools_customers_due_OwnedFrom",
                table: "pools_customers");

            migrationBuilder.DropIndex(
                name: "IX_kb_articles_UpdatedAt",
                table: "kb_articles");

            migrationBuilder.DropColumn(
                name: "FollowUpFrom",
                table: "pools_customers");

            migrationBuilder.DropColumn(
                name: "OwnedFrom",
                table: "pools_customers");
        }
    }
}
