using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FieldWork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "Latitude",
                table: "customers",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LocatedAt",
                table: "customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LocationSource",
                table: "customers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Longitude",
                table: "customers",
                type: "REAL",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "field_settings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TileUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    TileAttribution = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_field_settings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "field_visits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CheckInAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CheckOutAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Consent = table.Column<bool>(type: "INTEGER", nullable: false),
                    CheckInLat = table.Column<double>(type: "REAL", nullable: true),
                    CheckInLng = table.Column<double>(type: "REAL", nullable: true),
                    CheckInAccuracyM = table.Column<double>(type: "REAL", nullable: true),
                    CheckOutLat = table.Column<double>(type: "REAL", nullable: true),
                    CheckOutLng = table.Column<double>(type: "REAL", nullable: true),
                    CheckOutAccuracyM = table.Column<double>(type: "REAL", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_field_visits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "field_visit_photos",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    VisitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Size = table.Column<int>(type: "INTEGER", nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "field_settings");

            migrationBuilder.DropTable(
                name: "field_visit_photos");

            migrationBuilder.DropTable(
                name: "field_visits");

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
        }
    }
}
