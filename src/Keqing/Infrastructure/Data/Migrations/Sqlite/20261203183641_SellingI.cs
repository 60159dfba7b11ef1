using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SellingI : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "leads",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Company = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Phones = table.Column<string>(type: "TEXT", nullable: false),
                    Emails = table.Column<string>(type: "TEXT", nullable: false),
                    Province = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    City = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Industry = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CompanySize = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SourceDetail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LegalBasis = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DisqualifyReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RespondBy = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RemindAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FirstRespondedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReminderSentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    BreachAlertedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClockStartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    HotNotifiedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ScoredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ScoredWithRules = table.Column<long>(type: "INTEGER", nullable: false),
                    ConvertedCustomerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ConvertedContactId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ConvertedOpportunityId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ConvertedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SearchText = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ArchivedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_leads", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "leads_assignment_rules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Sources = table.Column<string>(type: "TEXT", nullable: false),
                    Provinces = table.Column<string>(type: "TEXT", nullable: false),
                    Cities = table.Column<string>(type: "TEXT", nullable: false),
                    Industries = table.Column<string>(type: "TEXT", nullable: false),
                    CompanySizes = table.Column<string>(type: "TEXT", nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    LastAssignedUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_leads_assignment_rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "leads_disqualify_reasons",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_leads_disqualify_reasons", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "leads_form_submissions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FormId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Values = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    ConsentGiven = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConsentVersion = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    LeadId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_leads_form_submissions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "leads_forms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Fields = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    TitleZh = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TitleEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ThankYouZh = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ThankYouEn = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AsksConsent = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConsentTextZh = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ConsentTextEn = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ConsentVersion = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SourceDetail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_leads_forms", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "leads_scoring_rules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Operator = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Values = table.Column<string>(type: "TEXT", nullable: false),
                    Activity = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Points = table.Column<int>(type: "INTEGER", nullable: false),
                    DecayPercentPer30Days = table.Column<int>(type: "INTEGER", nullable: true),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_leads_scoring_rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "leads_settings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResponseMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    HotScore = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_leads_settings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "opportunities_close_reasons",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_opportunities_close_reasons", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "opportunities_pipelines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    IsDefault = table.Column<bool>(type: "INTEGER", nullable: false),
                    ArchivedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_opportunities_pipelines", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "leads_activities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LeadId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    SubmissionId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_leads_activities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_leads_activities_leads_LeadId",
                        column: x => x.LeadId,
                        principalTable: "leads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "leads_lookups",
                columns: table => new
                {
                    Kind = table.Column<short>(type: "INTEGER", nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    LeadId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_leads_lookups", x => new { x.Kind, x.Value, x.LeadId });
                    table.ForeignKey(
                        name: "FK_leads_lookups_leads_LeadId",
                        column: x => x.LeadId,
                        principalTable: "leads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "opportunities_stages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PipelineId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Probability = table.Column<int>(type: "INTEGER", nullable: false),
                    StuckAfterDays = table.Column<int>(type: "INTEGER", nullable: true),
                    ArchivedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_opportunities_stages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_opportunities_stages_opportunities_pipelines_PipelineId",
                        column: x => x.PipelineId,
                        principalTable: "opportunities_pipelines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "opportunities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContactId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ExpectedCloseDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PipelineId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Probability = table.Column<int>(type: "INTEGER", nullable: false),
                    ProbabilityOverridden = table.Column<bool>(type: "INTEGER", nullable: false),
                    ForecastCategory = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Competitors = table.Column<string>(type: "TEXT", nullable: false),
                    NextStep = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    CloseReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LostTo = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    StageEnteredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LeadId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ArchivedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    AmountCurrency = table.Column<string>(type: "TEXT", unicode: false, maxLength: 3, nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_opportunities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_opportunities_opportunities_stages_StageId",
                        column: x => x.StageId,
                        principalTable: "opportunities_stages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "opportunities_stage_changes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OpportunityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromStageId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ToStageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_opportunities_stage_changes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_opportunities_stage_changes_opportunities_OpportunityId",
                        column: x => x.OpportunityId,
                        principalTable: "opportunities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_leads_breach",
                table: "leads",
                column: "RespondBy",
                filter: "\"FirstRespondedAt\" IS NULL AND \"BreachAlertedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_leads_ConvertedCustomerId",
                table: "leads",
                column: "ConvertedCustomerId",
                filter: "\"ConvertedCustomerId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_leads_live_CreatedAt",
                table: "leads",
                columns: new[] { "CreatedAt", "Id" },
                filter: "\"ArchivedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_leads_live_Owner",
                table: "leads",
                columns: new[] { "OwnerId", "Status", "CreatedAt" },
                filter: "\"ArchivedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_leads_live_Team",
                table: "leads",
                columns: new[] { "TeamId", "Status", "CreatedAt" },
                filter: "\"ArchivedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_leads_remind",
                table: "leads",
                column: "RemindAt",
                filter: "\"FirstRespondedAt\" IS NULL AND \"ReminderSentAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_leads_activities_LeadId_OccurredAt_Id",
                table: "leads_activities",
                columns: new[] { "LeadId", "OccurredAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_leads_assignment_rules_Order",
                table: "leads_assignment_rules",
                column: "Order");

            migrationBuilder.CreateIndex(
                name: "IX_leads_form_submissions_CustomerId",
                table: "leads_form_submissions",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_leads_form_submissions_FormId_SubmittedAt",
                table: "leads_form_submissions",
                columns: new[] { "FormId", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_leads_form_submissions_LeadId",
                table: "leads_form_submissions",
                column: "LeadId");

            migrationBuilder.CreateIndex(
                name: "IX_leads_forms_Key",
                table: "leads_forms",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_leads_lookups_LeadId",
                table: "leads_lookups",
                column: "LeadId");

            migrationBuilder.CreateIndex(
                name: "IX_opportunities_CustomerId_Status",
                table: "opportunities",
                columns: new[] { "CustomerId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_opportunities_LeadId",
                table: "opportunities",
                column: "LeadId",
                filter: "\"LeadId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_opportunities_live_Board",
                table: "opportunities",
                columns: new[] { "PipelineId", "Status", "StageId" },
                filter: "\"ArchivedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_opportunities_live_Close",
                table: "opportunities",
                columns: new[] { "Status", "ExpectedCloseDate" },
                filter: "\"ArchivedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_opportunities_live_Closed",
                table: "opportunities",
                columns: new[] { "Status", "ClosedAt" },
                filter: "\"ArchivedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_opportunities_live_CreatedAt",
                table: "opportunities",
                columns: new[] { "CreatedAt", "Id" },
                filter: "\"ArchivedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_opportunities_live_Owner",
                table: "opportunities",
                columns: new[] { "OwnerId", "ExpectedCloseDate" },
                filter: "\"ArchivedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_opportunities_live_Team",
                table: "opportunities",
                columns: new[] { "TeamId", "ExpectedCloseDate" },
                filter: "\"ArchivedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_opportunities_StageId",
                table: "opportunities",
                column: "StageId");

            migrationBuilder.CreateIndex(
                name: "IX_opportunities_stage_changes_OpportunityId_ChangedAt",
                table: "opportunities_stage_changes",
                columns: new[] { "OpportunityId", "ChangedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_opportunities_stages_PipelineId_Order",
                table: "opportunities_stages",
                columns: new[] { "PipelineId", "Order" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "leads_activities");

            migrationBuilder.DropTable(
                name: "leads_assignment_rules");

            migrationBuilder.DropTable(
                name: "leads_disqualify_reasons");

            migrationBuilder.DropTable(
                name: "leads_form_submissions");

            migrationBuilder.DropTable(
                name: "leads_forms");

            migrationBuilder.DropTable(
                name: "leads_lookups");

            migrationBuilder.DropTable(
                name: "leads_scoring_rules");

            migrationBuilder.DropTable(
                name: "leads_settings");

            migrationBuilder.DropTable(
                name: "opportunities_close_reasons");

            migrationBuilder.DropTable(
                name: "opportunities_stage_changes");

            migrationBuilder.DropTable(
                name: "leads");

            migrationBuilder.DropTable(
                name: "opportunities");

            migrationBuilder.DropTable(
                name: "opportunities_stages");

            migrationBuilder.DropTable(
                name: "opportunities_pipelines");
        }
    }
}
