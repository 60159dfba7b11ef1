using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SellingII : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_orders_QuoteId",
                table: "orders");

            migrationBuilder.CreateTable(
                name: "approvals_delegations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FromUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ToUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_approvals_delegations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "approvals_flows",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordType = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    Priority = table.Column<int>(type: "integer", nullable: false),
                    DiscountAbovePercent = table.Column<decimal>(type: "numeric(7,4)", precision: 7, scale: 4, nullable: true),
                    AmountAboveMinor = table.Column<long>(type: "bigint", nullable: true),
                    AmountCurrency = table.Column<string>(type: "character varying(3)", unicode: false, maxLength: 3, nullable: true),
                    CustomerGrades = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_approvals_flows", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "approvals_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FlowId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordType = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubmittedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Href = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    DiscountPercent = table.Column<decimal>(type: "numeric(7,4)", precision: 7, scale: 4, nullable: true),
                    AmountMinor = table.Column<long>(type: "bigint", nullable: true),
                    AmountCurrency = table.Column<string>(type: "character varying(3)", unicode: false, maxLength: 3, nullable: true),
                    CustomerGrade = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CurrentStep = table.Column<int>(type: "integer", nullable: true),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_approvals_requests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "quotes_letterhead",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    CompanyNameZh = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CompanyNameEn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Phone = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    TaxId = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    BankName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    BankAccount = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    LogoPng = table.Column<byte[]>(type: "bytea", nullable: true),
                    FooterTerms = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quotes_letterhead", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sellthrough_alerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DistributorId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<short>(type: "smallint", nullable: false),
                    MonthsOfStock = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    TaskId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sellthrough_alerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sellthrough_settings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MonthsOfStockLimit = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: false),
                    ReportingDay = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sellthrough_settings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "approvals_flow_steps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FlowId = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Approver = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ManagerLevel = table.Column<int>(type: "integer", nullable: false),
                    Role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    UserIds = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Mode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Fallback = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FallbackUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    FallbackRole = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_approvals_flow_steps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_approvals_flow_steps_approvals_flows_FlowId",
                        column: x => x.FlowId,
                        principalTable: "approvals_flows",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "approvals_actions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    StepName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    OtherUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    Comment = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_approvals_actions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_approvals_actions_approvals_requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "approvals_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "approvals_steps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Mode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_approvals_steps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_approvals_steps_approvals_requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "approvals_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "approvals_tasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    StepId = table.Column<Guid>(type: "uuid", nullable: false),
                    ApproverId = table.Column<Guid>(type: "uuid", nullable: false),
                    OnBehalfOf = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Comment = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_approvals_tasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_approvals_tasks_approvals_requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "approvals_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_approvals_tasks_approvals_steps_StepId",
                        column: x => x.StepId,
                        principalTable: "approvals_steps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_orders_QuoteId",
                table: "orders",
                column: "QuoteId",
                unique: true,
                filter: "\"QuoteId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_approvals_actions_RequestId_At",
                table: "approvals_actions",
                columns: new[] { "RequestId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_approvals_delegations_FromUserId_EndsAt",
                table: "approvals_delegations",
                columns: new[] { "FromUserId", "EndsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_approvals_flow_steps_FlowId_Order",
                table: "approvals_flow_steps",
                columns: new[] { "FlowId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_approvals_flows_RecordType_Active_Priority",
                table: "approvals_flows",
                columns: new[] { "RecordType", "Active", "Priority" });

            migrationBuilder.CreateIndex(
                name: "IX_approvals_requests_RecordType_RecordId_SubmittedAt",
                table: "approvals_requests",
                columns: new[] { "RecordType", "RecordId", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_approvals_requests_SubmittedBy_SubmittedAt",
                table: "approvals_requests",
                columns: new[] { "SubmittedBy", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_approvals_steps_RequestId_Order",
                table: "approvals_steps",
                columns: new[] { "RequestId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_approvals_tasks_ApproverId_Status",
                table: "approvals_tasks",
                columns: new[] { "ApproverId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_approvals_tasks_RequestId",
                table: "approvals_tasks",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_approvals_tasks_StepId",
                table: "approvals_tasks",
                column: "StepId");

            migrationBuilder.CreateIndex(
                name: "IX_sellthrough_alerts_DistributorId_ProductId_Month_Kind",
                table: "sellthrough_alerts",
                columns: new[] { "DistributorId", "ProductId", "Month", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sellthrough_alerts_Month_CreatedAt",
                table: "sellthrough_alerts",
                columns: new[] { "Month", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "approvals_actions");

            migrationBuilder.DropTable(
                name: "approvals_delegations");

            migrationBuilder.DropTable(
                name: "approvals_flow_steps");

            migrationBuilder.DropTable(
                name: "approvals_tasks");

            migrationBuilder.DropTable(
                name: "quotes_letterhead");

            migrationBuilder.DropTable(
                name: "sellthrough_alerts");

            migrationBuilder.DropTable(
                name: "sellthrough_settings");

            migrationBuilder.DropTable(
                name: "approvals_flows");

            migrationBuilder.DropTable(
                name: "approvals_steps");

            migrationBuilder.DropTable(
                name: "approvals_requests");

            migrationBuilder.DropIndex(
                name: "IX_orders_QuoteId",
                table: "orders");

            migrationBuilder.CreateIndex(
                name: "IX_orders_QuoteId",
                table: "orders",
                column: "QuoteId",
                filter: "\"QuoteId\" IS NOT NULL");
        }
    }
}
