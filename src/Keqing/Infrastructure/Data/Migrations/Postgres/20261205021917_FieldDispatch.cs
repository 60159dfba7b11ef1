using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FieldDispatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "field_dispatches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordType = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordLabel = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordLink = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: true),
                    WindowFrom = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    WindowTo = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ResultNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ResultAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    VisitId = table.Column<Guid>(type: "uuid", nullable: true),
                    DispatchedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_field_dispatches", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_field_dispatches_CustomerId",
                table: "field_dispatches",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_field_dispatches_OwnerId_WindowFrom",
                table: "field_dispatches",
                columns: new[] { "OwnerId", "WindowFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_field_dispatches_RecordType_RecordId",
                table: "field_dispatches",
                columns: new[] { "RecordType", "RecordId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "field_dispatches");
        }
    }
}
