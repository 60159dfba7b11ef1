using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ServiceAssignment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "service_agents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    Available = table.Column<bool>(type: "INTEGER", nullable: false),
                    LastAssignedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_agents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "service_queue",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    QueuedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_queue", x => x.Id);
                    table.ForeignKey(
                        name: "FK_service_queue_service_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "service_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "service_skills",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_skills", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "service_team_assignment",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AutoAssign = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_team_assignment", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "service_agent_skills",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SkillId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_agent_skills", x => x.Id);
                    table.ForeignKey(
                        name: "FK_service_agent_skills_service_skills_SkillId",
                        column: x => x.SkillId,
                        principalTable: "service_skills",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_service_agent_skills_SkillId",
                table: "service_agent_skills",
                column: "SkillId");

            migrationBuilder.CreateIndex(
                name: "IX_service_agent_skills_UserId_SkillId",
                table: "service_agent_skills",
                columns: new[] { "UserId", "SkillId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_service_agents_UserId",
                table: "service_agents",
                column: "UserId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_service_queue_CaseId",
                table: "service_queue",
                column: "CaseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_service_queue_TeamId_QueuedAt_Id",
                table: "service_queue",
                columns: new[] { "TeamId", "QueuedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_service_skills_Kind_Value",
                table: "service_skills",
                columns: new[] { "Kind", "Value" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_service_team_assignment_TeamId",
                table: "service_team_assignment",
                column: "TeamId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "service_agent_skills");

            migrationBuilder.DropTable(
                name: "service_agents");

            migrationBuilder.DropTable(
                name: "service_queue");

            migrationBuilder.DropTable(
                name: "service_team_assignment");

            migrationBuilder.DropTable(
                name: "service_skills");
        }
    }
}
