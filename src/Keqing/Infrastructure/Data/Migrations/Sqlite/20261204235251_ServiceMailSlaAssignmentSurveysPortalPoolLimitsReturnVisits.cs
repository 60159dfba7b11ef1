using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ServiceMailSlaAssignmentSurveysPortalPoolLimitsReturnVisits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "InReplyTo",
                table: "notifications_outbox",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MessageIdHeader",
                table: "notifications_outbox",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "References",
                table: "notifications_outbox",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReplyTo",
                table: "notifications_outbox",
                type: "TEXT",
                maxLength: 320,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "pools_customer_limits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    MaxOwned = table.Column<int>(type: "INTEGER", nullable: true),
                    MaxLocked = table.Column<int>(type: "INTEGER", nullable: true),
                    CountWonCustomers = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pools_customer_limits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "portal_link_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EmailHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Client = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_portal_link_requests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "portal_links",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ContactId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UsedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_portal_links", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "portal_settings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseVisibility = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_portal_settings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "returnvisits_forms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Grade = table.Column<int>(type: "INTEGER", nullable: true),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    CurrentVersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_returnvisits_forms", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "returnvisits_rules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Grade = table.Column<int>(type: "INTEGER", nullable: true),
                    DaysAfterOrder = table.Column<int>(type: "INTEGER", nullable: true),
                    DaysAfterCase = table.Column<int>(type: "INTEGER", nullable: true),
                    Channel = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_returnvisits_rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "returnvisits_visits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    SourceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SourceNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Channel = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    FormVersionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AnswersJson = table.Column<string>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CompletedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    CancelReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CancelledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_returnvisits_visits", x => x.Id);
                });

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
                name: "service_case_emails",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseMessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Direction = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    MessageId = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    MailboxId = table.Column<Guid>(type: "TEXT", nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_case_emails", x => x.Id);
                    table.ForeignKey(
                        name: "FK_service_case_emails_service_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "service_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "service_case_measures",
                columns: table => new
                {
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FirstResponseMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    ResolutionMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    Breached = table.Column<bool>(type: "INTEGER", nullable: false),
                    Reopens = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_case_measures", x => x.CaseId);
                    table.ForeignKey(
                        name: "FK_service_case_measures_service_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "service_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
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
                name: "service_reviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ReviewerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_reviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_service_reviews_service_cases_CaseId",
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
                name: "service_surveys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContactId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Culture = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AnsweredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Csat = table.Column<int>(type: "INTEGER", nullable: true),
                    Nps = table.Column<int>(type: "INTEGER", nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    FollowUpTaskId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_surveys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_service_surveys_service_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "service_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
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
                name: "returnvisits_form_versions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FormId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    QuestionsJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_returnvisits_form_versions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_returnvisits_form_versions_returnvisits_forms_FormId",
                        column: x => x.FormId,
                        principalTable: "returnvisits_forms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
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
                name: "IX_pools_customer_limits_TeamId",
                table: "pools_customer_limits",
                column: "TeamId",
                unique: true,
                filter: "\"TeamId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_pools_customer_limits_UserId",
                table: "pools_customer_limits",
                column: "UserId",
                unique: true,
                filter: "\"UserId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_portal_link_requests_Client_At",
                table: "portal_link_requests",
                columns: new[] { "Client", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_portal_link_requests_EmailHash_At",
                table: "portal_link_requests",
                columns: new[] { "EmailHash", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_portal_links_TokenHash",
                table: "portal_links",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_returnvisits_form_versions_FormId_Number",
                table: "returnvisits_form_versions",
                columns: new[] { "FormId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_returnvisits_visits_CustomerId",
                table: "returnvisits_visits",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_returnvisits_visits_FormVersionId",
                table: "returnvisits_visits",
                column: "FormVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_returnvisits_visits_OwnerId_Status_DueAt",
                table: "returnvisits_visits",
                columns: new[] { "OwnerId", "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_returnvisits_visits_Source_SourceId",
                table: "returnvisits_visits",
                columns: new[] { "Source", "SourceId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_returnvisits_visits_TeamId_Status_DueAt",
                table: "returnvisits_visits",
                columns: new[] { "TeamId", "Status", "DueAt" });

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
                name: "IX_service_case_emails_CaseId_At",
                table: "service_case_emails",
                columns: new[] { "CaseId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_service_case_emails_MessageId",
                table: "service_case_emails",
                column: "MessageId");

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
                name: "IX_service_reviews_CaseId",
                table: "service_reviews",
                column: "CaseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_service_skills_Kind_Value",
                table: "service_skills",
                columns: new[] { "Kind", "Value" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_service_surveys_CaseId_SentAt",
                table: "service_surveys",
                columns: new[] { "CaseId", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_service_surveys_ContactId",
                table: "service_surveys",
                column: "ContactId");

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
                name: "pools_customer_limits");

            migrationBuilder.DropTable(
                name: "portal_link_requests");

            migrationBuilder.DropTable(
                name: "portal_links");

            migrationBuilder.DropTable(
                name: "portal_settings");

            migrationBuilder.DropTable(
                name: "returnvisits_form_versions");

            migrationBuilder.DropTable(
                name: "returnvisits_rules");

            migrationBuilder.DropTable(
                name: "returnvisits_visits");

            migrationBuilder.DropTable(
                name: "service_agent_skills");

            migrationBuilder.DropTable(
                name: "service_agents");

            migrationBuilder.DropTable(
                name: "service_case_emails");

            migrationBuilder.DropTable(
                name: "service_case_measures");

            migrationBuilder.DropTable(
                name: "service_queue");

            migrationBuilder.DropTable(
                name: "service_reviews");

            migrationBuilder.DropTable(
                name: "service_surveys");

            migrationBuilder.DropTable(
                name: "service_team_assignment");

            migrationBuilder.DropTable(
                name: "returnvisits_forms");

            migrationBuilder.DropTable(
                name: "service_skills");

            migrationBuilder.DropColumn(
                name: "InReplyTo",
                table: "notifications_outbox");

            migrationBuilder.DropColumn(
                name: "MessageIdHeader",
                table: "notifications_outbox");

            migrationBuilder.DropColumn(
                name: "References",
                table: "notifications_outbox");

            migrationBuilder.DropColumn(
                name: "ReplyTo",
                table: "notifications_outbox");
        }
    }
}
