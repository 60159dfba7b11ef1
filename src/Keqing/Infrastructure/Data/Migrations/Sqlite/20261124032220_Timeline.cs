using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Timeline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "timeline_alerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecipientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    SubjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReadAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_timeline_alerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "timeline_commitments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContactId = table.Column<Guid>(type: "TEXT", nullable: true),
                    InteractionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    What = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    PromisedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    CloseNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_timeline_commitments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "timeline_contact_preferences",
                columns: table => new
                {
                    ContactId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonalOccasionOptIn = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_timeline_contact_preferences", x => x.ContactId);
                });

            migrationBuilder.CreateTable(
                name: "timeline_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    SourceModule = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SourceId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_timeline_entries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "timeline_handovers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ToUserIds = table.Column<string>(type: "TEXT", nullable: false),
                    ByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Customers = table.Column<int>(type: "INTEGER", nullable: false),
                    Tasks = table.Column<int>(type: "INTEGER", nullable: false),
                    Commitments = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_timeline_handovers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "timeline_interactions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Direction = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ContactIds = table.Column<string>(type: "TEXT", nullable: false),
                    ParticipantIds = table.Column<string>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    NextStep = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    PersonalOccasion = table.Column<bool>(type: "INTEGER", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_timeline_interactions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "timeline_settings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CadenceA = table.Column<int>(type: "INTEGER", nullable: true),
                    CadenceB = table.Column<int>(type: "INTEGER", nullable: true),
                    CadenceC = table.Column<int>(type: "INTEGER", nullable: true),
                    CadenceD = table.Column<int>(type: "INTEGER", nullable: true),
                    QuietFrom = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    QuietUntil = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    MaxContactsPerChannelPerWeek = table.Column<int>(type: "INTEGER", nullable: true),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_timeline_settings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "timeline_tasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AssigneeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ContactId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RemindAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_timeline_tasks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "timeline_handover_items",
                columns: table => new
                {
                    HandoverId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ToUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Tasks = table.Column<int>(type: "INTEGER", nullable: false),
                    Commitments = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_timeline_handover_items", x => new { x.HandoverId, x.CustomerId });
                    table.ForeignKey(
                        name: "FK_timeline_handover_items_timeline_handovers_HandoverId",
                        column: x => x.HandoverId,
                        principalTable: "timeline_handovers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_timeline_alerts_RecipientId_Id",
                table: "timeline_alerts",
                columns: new[] { "RecipientId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_timeline_alerts_SubjectId_Kind_RecipientId",
                table: "timeline_alerts",
                columns: new[] { "SubjectId", "Kind", "RecipientId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_timeline_commitments_CustomerId_Status_DueAt",
                table: "timeline_commitments",
                columns: new[] { "CustomerId", "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_timeline_commitments_OwnerId_Status_DueAt",
                table: "timeline_commitments",
                columns: new[] { "OwnerId", "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_timeline_commitments_Status_DueAt",
                table: "timeline_commitments",
                columns: new[] { "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_timeline_contact_preferences_CustomerId",
                table: "timeline_contact_preferences",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_timeline_entries_CustomerId_OccurredAt_Id",
                table: "timeline_entries",
                columns: new[] { "CustomerId", "OccurredAt", "Id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "IX_timeline_entries_CustomerId_UserId_OccurredAt_Id",
                table: "timeline_entries",
                columns: new[] { "CustomerId", "UserId", "OccurredAt", "Id" },
                descending: new[] { false, false, true, true });

            migrationBuilder.CreateIndex(
                name: "IX_timeline_entries_SourceModule_SourceId",
                table: "timeline_entries",
                columns: new[] { "SourceModule", "SourceId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_timeline_handover_items_CustomerId",
                table: "timeline_handover_items",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_timeline_handovers_FromUserId_CreatedAt",
                table: "timeline_handovers",
                columns: new[] { "FromUserId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_timeline_interactions_CustomerId_Channel_OccurredAt",
                table: "timeline_interactions",
                columns: new[] { "CustomerId", "Channel", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_timeline_interactions_CustomerId_OccurredAt",
                table: "timeline_interactions",
                columns: new[] { "CustomerId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_timeline_interactions_OccurredAt_Id",
                table: "timeline_interactions",
                columns: new[] { "OccurredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_timeline_interactions_UserId_OccurredAt_Id",
                table: "timeline_interactions",
                columns: new[] { "UserId", "OccurredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_timeline_tasks_AssigneeId_Status_DueAt",
                table: "timeline_tasks",
                columns: new[] { "AssigneeId", "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_timeline_tasks_CustomerId_Status_DueAt",
                table: "timeline_tasks",
                columns: new[] { "CustomerId", "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_timeline_tasks_Status_RemindAt",
                table: "timeline_tasks",
                columns: new[] { "Status", "RemindAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "timeline_alerts");

            migrationBuilder.DropTable(
                name: "timeline_commitments");

            migrationBuilder.DropTable(
                name: "timeline_contact_preferences");

            migrationBuilder.DropTable(
                name: "timeline_entries");

            migrationBuilder.DropTable(
                name: "timeline_handover_items");

            migrationBuilder.DropTable(
                name: "timeline_interactions");

            migrationBuilder.DropTable(
                name: "timeline_settings");

            migrationBuilder.DropTable(
                name: "timeline_tasks");

            migrationBuilder.DropTable(
                name: "timeline_handovers");
        }
    }
}
