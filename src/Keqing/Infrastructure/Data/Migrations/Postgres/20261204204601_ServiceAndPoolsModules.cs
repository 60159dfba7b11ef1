using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ServiceAndPoolsModules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "Latitude",
                table: "customers",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LocatedAt",
                table: "customers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LocationSource",
                table: "customers",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Longitude",
                table: "customers",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Name",
                table: "calendar_company",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "field_settings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TileUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    TileAttribution = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_field_settings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "field_visits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: true),
                    CheckInAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CheckOutAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Consent = table.Column<bool>(type: "boolean", nullable: false),
                    CheckInLat = table.Column<double>(type: "double precision", nullable: true),
                    CheckInLng = table.Column<double>(type: "double precision", nullable: true),
                    CheckInAccuracyM = table.Column<double>(type: "double precision", nullable: true),
                    CheckOutLat = table.Column<double>(type: "double precision", nullable: true),
                    CheckOutLng = table.Column<double>(type: "double precision", nullable: true),
                    CheckOutAccuracyM = table.Column<double>(type: "double precision", nullable: true),
                    Notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_field_visits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "kb_categories",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ParentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kb_categories", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kb_categories_kb_categories_ParentId",
                        column: x => x.ParentId,
                        principalTable: "kb_categories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "mailbox_mailboxes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Address = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Host = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: true),
                    Port = table.Column<int>(type: "integer", nullable: false),
                    Security = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    User = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ProtectedPassword = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Folder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PollSeconds = table.Column<int>(type: "integer", nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    ProtectedWebhookSecret = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mailbox_mailboxes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "pools_customers",
                columns: table => new
                {
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    PoolId = table.Column<Guid>(type: "uuid", nullable: true),
                    InPoolSince = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Reason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    FromOwnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    LockedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LockedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    OwnedSince = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RunId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pools_customers", x => x.CustomerId);
                });

            migrationBuilder.CreateTable(
                name: "pools_moves",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    PoolId = table.Column<Guid>(type: "uuid", nullable: true),
                    FromOwnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    ToOwnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    Reason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    RunId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pools_moves", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "pools_pools",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DailyClaimQuota = table.Column<int>(type: "integer", nullable: false),
                    ReclaimWaitDays = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ArchivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pools_pools", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "pools_warnings",
                columns: table => new
                {
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    PoolId = table.Column<Guid>(type: "uuid", nullable: false),
                    WarnedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pools_warnings", x => new { x.CustomerId, x.DueAt });
                });

            migrationBuilder.CreateTable(
                name: "service_cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    Type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Priority = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    CategoryId = table.Column<Guid>(type: "uuid", nullable: true),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ContactId = table.Column<Guid>(type: "uuid", nullable: true),
                    ProductId = table.Column<Guid>(type: "uuid", nullable: true),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: true),
                    Channel = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FirstResponseAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ResolvedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    MergedIntoId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_cases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "service_categories",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ParentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    ArchivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_categories", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "service_links",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    OtherCaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_links", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sla_breaches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClockId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false),
                    Target = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PolicyId = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: true),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DetectedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LateMinutes = table.Column<int>(type: "integer", nullable: false),
                    EscalatedTo = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sla_breaches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sla_clocks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Link = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: true),
                    Priority = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Grade = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    PolicyId = table.Column<Guid>(type: "uuid", nullable: false),
                    CalendarId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FirstResponseMinutes = table.Column<int>(type: "integer", nullable: true),
                    ResolutionMinutes = table.Column<int>(type: "integer", nullable: false),
                    WarningPercent = table.Column<int>(type: "integer", nullable: false),
                    PausedBusinessTicks = table.Column<long>(type: "bigint", nullable: false),
                    PausedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FirstRespondedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FirstResponseElapsedTicks = table.Column<long>(type: "bigint", nullable: true),
                    StoppedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Resolved = table.Column<bool>(type: "boolean", nullable: false),
                    FirstResponseWarnAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FirstResponseDueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ResolutionWarnAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ResolutionDueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FirstResponseWarnedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FirstResponseBreachedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ResolutionWarnedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ResolutionBreachedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    NextAlarmAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sla_clocks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sla_policies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Priorities = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Types = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Grades = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    FirstResponseMinutes = table.Column<int>(type: "integer", nullable: true),
                    ResolutionMinutes = table.Column<int>(type: "integer", nullable: false),
                    CalendarId = table.Column<Guid>(type: "uuid", nullable: true),
                    WarningPercent = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sla_policies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "field_visit_photos",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    VisitId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Size = table.Column<int>(type: "integer", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_field_visit_photos", x => x.Id);
                    table.ForeignKey(
                        name: "FK_field_visit_photos_field_visits_VisitId",
                        column: x => x.VisitId,
                        principalTable: "field_visits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kb_articles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: false),
                    CategoryId = table.Column<Guid>(type: "uuid", nullable: true),
                    Tags = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Audience = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PublishedVersion = table.Column<int>(type: "integer", nullable: true),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "uuid", nullable: false),
                    SearchTitle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SearchTags = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    SearchText = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Views = table.Column<int>(type: "integer", nullable: false),
                    HelpfulYes = table.Column<int>(type: "integer", nullable: false),
                    HelpfulNo = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kb_articles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kb_articles_kb_categories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "kb_categories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "mailbox_messages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MailboxId = table.Column<Guid>(type: "uuid", nullable: false),
                    MessageId = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    InReplyTo = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    References = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    From = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    FromName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    To = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Subject = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Date = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    TextBody = table.Column<string>(type: "text", nullable: true),
                    HtmlBody = table.Column<string>(type: "text", nullable: true),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Uid = table.Column<long>(type: "bigint", nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    HeldReason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    HandledBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mailbox_messages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_mailbox_messages_mailbox_mailboxes_MailboxId",
                        column: x => x.MailboxId,
                        principalTable: "mailbox_mailboxes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "mailbox_poll_states",
                columns: table => new
                {
                    MailboxId = table.Column<Guid>(type: "uuid", nullable: false),
                    UidValidity = table.Column<long>(type: "bigint", nullable: false),
                    LastUid = table.Column<long>(type: "bigint", nullable: false),
                    LastPolledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mailbox_poll_states", x => x.MailboxId);
                    table.ForeignKey(
                        name: "FK_mailbox_poll_states_mailbox_mailboxes_MailboxId",
                        column: x => x.MailboxId,
                        principalTable: "mailbox_mailboxes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "pools_members",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PoolId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: true),
                    Administrator = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pools_members", x => x.Id);
                    table.ForeignKey(
                        name: "FK_pools_members_pools_pools_PoolId",
                        column: x => x.PoolId,
                        principalTable: "pools_pools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "pools_rules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PoolId = table.Column<Guid>(type: "uuid", nullable: false),
                    Grade = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: true),
                    DaysWithoutFollowUp = table.Column<int>(type: "integer", nullable: true),
                    DaysWithoutWonDeal = table.Column<int>(type: "integer", nullable: true),
                    SpareOpenOpportunities = table.Column<bool>(type: "boolean", nullable: false),
                    NoticeDays = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pools_rules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_pools_rules_pools_pools_PoolId",
                        column: x => x.PoolId,
                        principalTable: "pools_pools",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "service_attachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    MessageId = table.Column<Guid>(type: "uuid", nullable: true),
                    FileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    UploadedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    UploadedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_attachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_service_attachments_service_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "service_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "service_messages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Body = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: true),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_messages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_service_messages_service_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "service_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kb_article_versions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ArticleId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: false),
                    CategoryId = table.Column<Guid>(type: "uuid", nullable: true),
                    Tags = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Audience = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    EditedById = table.Column<Guid>(type: "uuid", nullable: false),
                    EditedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PublishedById = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kb_article_versions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_kb_article_versions_kb_articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "kb_articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kb_feedback",
                columns: table => new
                {
                    ArticleId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Helpful = table.Column<bool>(type: "boolean", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kb_feedback", x => new { x.ArticleId, x.UserId });
                    table.ForeignKey(
                        name: "FK_kb_feedback_kb_articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "kb_articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "kb_views",
                columns: table => new
                {
                    ArticleId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kb_views", x => new { x.ArticleId, x.UserId, x.Day });
                    table.ForeignKey(
                        name: "FK_kb_views_kb_articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "kb_articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "mailbox_attachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Data = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mailbox_attachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_mailbox_attachments_mailbox_messages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "mailbox_messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_customers_live_Location",
                table: "customers",
                columns: new[] { "Latitude", "Longitude" },
                filter: "\"ArchivedAt\" IS NULL AND \"Latitude\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_field_visit_photos_VisitId",
                table: "field_visit_photos",
                column: "VisitId");

            migrationBuilder.CreateIndex(
                name: "IX_field_visits_CustomerId",
                table: "field_visits",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_field_visits_open",
                table: "field_visits",
                column: "OwnerId",
                unique: true,
                filter: "\"CheckOutAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_field_visits_OwnerId_CheckInAt",
                table: "field_visits",
                columns: new[] { "OwnerId", "CheckInAt" });

            migrationBuilder.CreateIndex(
                name: "IX_field_visits_TeamId_CheckInAt",
                table: "field_visits",
                columns: new[] { "TeamId", "CheckInAt" });

            migrationBuilder.CreateIndex(
                name: "IX_kb_article_versions_ArticleId_Number",
                table: "kb_article_versions",
                columns: new[] { "ArticleId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_kb_articles_CategoryId",
                table: "kb_articles",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_kb_articles_SearchText_trgm",
                table: "kb_articles",
                column: "SearchText")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_kb_articles_Status_UpdatedAt",
                table: "kb_articles",
                columns: new[] { "Status", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_kb_categories_ParentId",
                table: "kb_categories",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_mailbox_attachments_MessageId",
                table: "mailbox_attachments",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_mailbox_mailboxes_Key",
                table: "mailbox_mailboxes",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mailbox_messages_MailboxId_From_ReceivedAt",
                table: "mailbox_messages",
                columns: new[] { "MailboxId", "From", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_mailbox_messages_MailboxId_MessageId",
                table: "mailbox_messages",
                columns: new[] { "MailboxId", "MessageId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_mailbox_messages_MailboxId_ReceivedAt",
                table: "mailbox_messages",
                columns: new[] { "MailboxId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_pools_customers_PoolId_InPoolSince_CustomerId",
                table: "pools_customers",
                columns: new[] { "PoolId", "InPoolSince", "CustomerId" },
                descending: new[] { false, true, true },
                filter: "\"PoolId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_pools_customers_RunId",
                table: "pools_customers",
                column: "RunId",
                filter: "\"RunId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_pools_members_PoolId_TeamId",
                table: "pools_members",
                columns: new[] { "PoolId", "TeamId" });

            migrationBuilder.CreateIndex(
                name: "IX_pools_members_PoolId_UserId",
                table: "pools_members",
                columns: new[] { "PoolId", "UserId" });

            migrationBuilder.CreateIndex(
                name: "IX_pools_members_TeamId",
                table: "pools_members",
                column: "TeamId");

            migrationBuilder.CreateIndex(
                name: "IX_pools_members_UserId",
                table: "pools_members",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_pools_moves_CustomerId_At",
                table: "pools_moves",
                columns: new[] { "CustomerId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_pools_moves_FromOwnerId_CustomerId_At",
                table: "pools_moves",
                columns: new[] { "FromOwnerId", "CustomerId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_pools_moves_RunId",
                table: "pools_moves",
                column: "RunId",
                filter: "\"RunId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_pools_moves_ToOwnerId_Kind_At",
                table: "pools_moves",
                columns: new[] { "ToOwnerId", "Kind", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_pools_rules_PoolId",
                table: "pools_rules",
                column: "PoolId");

            migrationBuilder.CreateIndex(
                name: "IX_service_attachments_CaseId_MessageId",
                table: "service_attachments",
                columns: new[] { "CaseId", "MessageId" });

            migrationBuilder.CreateIndex(
                name: "IX_service_cases_ContactId",
                table: "service_cases",
                column: "ContactId",
                filter: "\"ContactId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_service_cases_CreatedAt_Id",
                table: "service_cases",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_service_cases_CustomerId_Status",
                table: "service_cases",
                columns: new[] { "CustomerId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_service_cases_Number",
                table: "service_cases",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_service_cases_OwnerId_Status",
                table: "service_cases",
                columns: new[] { "OwnerId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_service_cases_TeamId_Status",
                table: "service_cases",
                columns: new[] { "TeamId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_service_categories_ParentId",
                table: "service_categories",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_service_links_CaseId_OtherCaseId",
                table: "service_links",
                columns: new[] { "CaseId", "OtherCaseId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_service_links_OtherCaseId",
                table: "service_links",
                column: "OtherCaseId");

            migrationBuilder.CreateIndex(
                name: "IX_service_messages_CaseId_At",
                table: "service_messages",
                columns: new[] { "CaseId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_sla_breaches_ClockId_Target",
                table: "sla_breaches",
                columns: new[] { "ClockId", "Target" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sla_breaches_DetectedAt",
                table: "sla_breaches",
                column: "DetectedAt");

            migrationBuilder.CreateIndex(
                name: "IX_sla_clocks_CalendarId",
                table: "sla_clocks",
                column: "CalendarId");

            migrationBuilder.CreateIndex(
                name: "IX_sla_clocks_next_alarm",
                table: "sla_clocks",
                column: "NextAlarmAt",
                filter: "\"NextAlarmAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_sla_clocks_RecordType_RecordId",
                table: "sla_clocks",
                columns: new[] { "RecordType", "RecordId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sla_policies_RecordType",
                table: "sla_policies",
                column: "RecordType");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "field_settings");

            migrationBuilder.DropTable(
                name: "field_visit_photos");

            migrationBuilder.DropTable(
                name: "kb_article_versions");

            migrationBuilder.DropTable(
                name: "kb_feedback");

            migrationBuilder.DropTable(
                name: "kb_views");

            migrationBuilder.DropTable(
                name: "mailbox_attachments");

            migrationBuilder.DropTable(
                name: "mailbox_poll_states");

            migrationBuilder.DropTable(
                name: "pools_customers");

            migrationBuilder.DropTable(
                name: "pools_members");

            migrationBuilder.DropTable(
                name: "pools_moves");

            migrationBuilder.DropTable(
                name: "pools_rules");

            migrationBuilder.DropTable(
                name: "pools_warnings");

            migrationBuilder.DropTable(
                name: "service_attachments");

            migrationBuilder.DropTable(
                name: "service_categories");

            migrationBuilder.DropTable(
                name: "service_links");

            migrationBuilder.DropTable(
                name: "service_messages");

            migrationBuilder.DropTable(
                name: "sla_breaches");

            migrationBuilder.DropTable(
                name: "sla_clocks");

            migrationBuilder.DropTable(
                name: "sla_policies");

            migrationBuilder.DropTable(
                name: "field_visits");

            migrationBuilder.DropTable(
                name: "kb_articles");

            migrationBuilder.DropTable(
                name: "mailbox_messages");

            migrationBuilder.DropTable(
                name: "pools_pools");

            migrationBuilder.DropTable(
                name: "service_cases");

            migrationBuilder.DropTable(
                name: "kb_categories");

            migrationBuilder.DropTable(
                name: "mailbox_mailboxes");

            migrationBuilder.DropIndex(
                name: "IX_customers_live_Location",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "Latitude",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "LocatedAt",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "LocationSource",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "Longitude",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "Name",
                table: "calendar_company");
        }
    }
}
