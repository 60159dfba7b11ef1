using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Postgres
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
                type: "character varying(35)",
                maxLength: 35,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "notifications_outbox_attachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OutboxMessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    FileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notifications_outbox_attachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_notifications_outbox_attachments_notifications_outbox_Outbo~",
                        column: x => x.OutboxMessageId,
                        principalTable: "notifications_outbox",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "service_intake_setting",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_intake_setting", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "service_report_cells",
                columns: table => new
                {
                    Day = table.Column<int>(type: "integer", nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    CategoryId = table.Column<Guid>(type: "uuid", nullable: false),
                    Cases = table.Column<int>(type: "integer", nullable: false),
                    Resolved = table.Column<int>(type: "integer", nullable: false),
                    EverResolved = table.Column<int>(type: "integer", nullable: false),
                    FirstResponseSum = table.Column<long>(type: "bigint", nullable: false),
                    FirstResponseCount = table.Column<int>(type: "integer", nullable: false),
                    ResolutionSum = table.Column<long>(type: "bigint", nullable: false),
                    ResolutionCount = table.Column<int>(type: "integer", nullable: false),
                    Breached = table.Column<int>(type: "integer", nullable: false),
                    Reopened = table.Column<int>(type: "integer", nullable: false),
                    Answers = table.Column<int>(type: "integer", nullable: false),
                    CsatSum = table.Column<long>(type: "bigint", nullable: false),
                    CsatCount = table.Column<int>(type: "integer", nullable: false),
                    NpsCount = table.Column<int>(type: "integer", nullable: false),
                    Promoters = table.Column<int>(type: "integer", nullable: false),
                    Detractors = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_report_cells", x => new { x.Day, x.OwnerId, x.TeamId, x.CategoryId });
                });

            migrationBuilder.CreateTable(
                name: "service_report_marks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_report_marks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "service_report_state",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Zone = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    BuiltAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
