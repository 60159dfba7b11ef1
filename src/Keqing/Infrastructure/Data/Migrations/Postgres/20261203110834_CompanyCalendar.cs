using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CompanyCalendar : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "calendar_company",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    WeeklyHours = table.Column<string>(type: "text", nullable: false),
                    Holidays = table.Column<string>(type: "text", nullable: false),
                    MakeUpWorkdays = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_company", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "calendar_company");
        }
    }
}
