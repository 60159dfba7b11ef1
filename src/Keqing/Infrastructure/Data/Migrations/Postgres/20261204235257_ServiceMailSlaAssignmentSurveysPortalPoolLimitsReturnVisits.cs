using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ServiceMailSlaAssignmentSurveysPortalPoolLimitsReturnVisits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Body",
                table: "notifications_outbox",
                type: "character varying(25000)",
                maxLength: 25000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(4000)",
                oldMaxLength: 4000);

            migrationBuilder.AddColumn<string>(
                name: "InReplyTo",
                table: "notifications_outbox",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MessageIdHeader",
                table: "notifications_outbox",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "References",
                table: "notifications_outbox",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReplyTo",
                table: "notifications_outbox",
                type: "character varying(320)",
                maxLength: 320,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "pools_customer_limits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: true),
                    MaxOwned = table.Column<int>(type: "integer", nullable: true),
                    MaxLocked = table.Column<int>(type: "integer", nullable: true),
                    CountWonCustomers = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pools_customer_limits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "portal_link_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EmailHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Client = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_portal_link_requests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "portal_links",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ContactId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UsedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_portal_links", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "portal_settings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseVisibility = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_portal_settings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "returnvisits_forms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Grade = table.Column<int>(type: "integer", nullable: true),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    CurrentVersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_returnvisits_forms", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "returnvisits_rules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Grade = table.Column<int>(type: "integer", nullable: true),
                    DaysAfterOrder = table.Column<int>(type: "integer", nullable: true),
                    DaysAfterCase = table.Column<int>(type: "integer", nullable: true),
                    Channel = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_returnvisits_rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "returnvisits_visits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    SourceId = table.Column<Guid>(type: "uuid", nullable: false),
                    SourceNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: true),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    FormVersionId = table.Column<Guid>(type: "uuid", nullable: true),
                    AnswersJson = table.Column<string>(type: "text", nullable: true),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CompletedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    CancelReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CancelledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_returnvisits_visits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "service_agents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    Available = table.Column<bool>(type: "boolean", nullable: false),
                    LastAssignedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_agents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "service_case_emails",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseMessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    Direction = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    MessageId = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Address = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    MailboxId = table.Column<Guid>(type: "uuid", nullable: true),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    FirstResponseMinutes = table.Column<int>(type: "integer", nullable: true),
                    ResolutionMinutes = table.Column<int>(type: "integer", nullable: true),
                    Breached = table.Column<bool>(type: "boolean", nullable: false),
                    Reopens = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    QueuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ReviewerId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Value = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_skills", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "service_surveys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    ContactId = table.Column<Guid>(type: "uuid", nullable: false),
                    Culture = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AnsweredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Csat = table.Column<int>(type: "integer", nullable: true),
                    Nps = table.Column<int>(type: "integer", nullable: true),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    FollowUpTaskId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    AutoAssign = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_team_assignment", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "returnvisits_form_versions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FormId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    QuestionsJson = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    SkillId = table.Column<Guid>(type: "uuid", nullable: false)
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

            migrationBuilder.AlterColumn<string>(
                name: "Body",
                table: "notifications_outbox",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(25000)",
                oldMaxLength: 25000);
        }
    }
}
