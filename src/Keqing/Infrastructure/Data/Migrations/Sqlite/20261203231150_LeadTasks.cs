using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LeadTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "SubjectId",
                table: "timeline_tasks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SubjectType",
                table: "timeline_tasks",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_timeline_tasks_SubjectType_SubjectId",
                table: "timeline_tasks",
                columns: new[] { "SubjectType", "SubjectId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_timeline_tasks_SubjectType_SubjectId",
                table: "timeline_tasks");

            migrationBuilder.DropColumn(
                name: "SubjectId",
                table: "timeline_tasks");

            migrationBuilder.DropColumn(
                name: "SubjectType",
                table: "timeline_tasks");
        }
    }
}
