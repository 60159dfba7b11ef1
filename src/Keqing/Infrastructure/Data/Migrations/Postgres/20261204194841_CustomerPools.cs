using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CustomerPools : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
                name: "pools_pools");
        }
    }
}
