using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Session16MailLanguageRecycleRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "mailbox_messages",
                type: "character varying(35)",
                maxLength: 35,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "pools_recycle_runs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Swept = table.Column<bool>(type: "boolean", nullable: false),
                    Moved = table.Column<int>(type: "integer", nullable: false),
                    Warned = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pools_recycle_runs", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_pools_recycle_runs_At",
                table: "pools_recycle_runs",
                column: "At");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pools_recycle_runs");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "mailbox_messages");
        }
    }
}
