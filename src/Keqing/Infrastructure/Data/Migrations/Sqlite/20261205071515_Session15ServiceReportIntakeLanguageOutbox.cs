using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Session15ServiceReportIntakeLanguageOutbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "service_cases",
                type: "TEXT",
                maxLength: 35,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "notifications_outbox_attachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OutboxMessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications_outbox_attachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_notifications_outbox_attachments_notifications_outbox_OutboxMessageId",
                        column: x => x.OutboxMessageId,
                        principalTable: "notifications_outbox",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "service_intake_setting",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_intake_setting", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "service_report_cells",
                columns: table => new
                {
                    Day = table.Column<int>(type: "INTEGER", nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CategoryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Cases = table.Column<int>(type: "INTEGER", nullable: false),
                    Resolved = table.Column<int>(type: "INTEGER", nullable: false),
                    EverResolved = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstResponseSum = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstResponseCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ResolutionSum = table.Column<long>(type: "INTEGER", nullable: false),
                    ResolutionCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Breached = table.Column<int>(type: "INTEGER", nullable: false),
                    Reopened = table.Column<int>(type: "INTEGER", nullable: false),
                    Answers = table.Column<int>(type: "INTEGER", nullable: false),
                    CsatSum = table.Column<long>(type: "INTEGER", nullable: false),
                    CsatCount = table.Column<int>(type: "INTEGER", nullable: false),
                    NpsCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Promoters = table.Column<int>(type: "INTEGER", nullable: false),
                    Detractors = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_report_cells", x => new { x.Day, x.OwnerId, x.TeamId, x.CategoryId });
                });

            migrationBuilder.CreateTable(
                name: "service_report_marks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_report_marks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "service_report_state",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Zone = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    BuiltAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_report_state", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_notifications_outbox_attachments_OutboxMessageId_Order",
                table: "notifications_outbox_attachments",
                columns: new[] { "OutboxMessageId", "Order" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "notifications_outbox_attachments");

            migrationBuilder.DropTable(
                name: "service_intake_setting");

            migrationBuilder.DropTable(
                name: "service_report_cells");

            migrationBuilder.DropTable(
                name: "service_report_marks");

            migrationBuilder.DropTable(
                name: "service_report_state");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "service_cases");
        }
    }
}
