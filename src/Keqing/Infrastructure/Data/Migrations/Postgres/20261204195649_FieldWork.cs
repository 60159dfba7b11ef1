using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Postgres
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
