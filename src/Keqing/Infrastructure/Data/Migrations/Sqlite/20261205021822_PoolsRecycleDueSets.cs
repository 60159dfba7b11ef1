using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PoolsRecycleDueSets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "FollowUpFrom",
                table: "pools_customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "OwnedFrom",
                table: "pools_customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_pools_customers_due_FollowUpFrom",
                table: "pools_customers",
                column: "FollowUpFrom",
                filter: "\"PoolId\" IS NULL AND \"LockedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_pools_customers_due_OwnedFrom",
                table: "pools_customers",
                column: "OwnedFrom",
                filter: "\"PoolId\" IS NULL AND \"LockedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_pools_customers_due_FollowUpFrom",
                table: "pools_customers");

            migrationBuilder.DropIndex(
                name: "IX_pools_customers_due_OwnedFrom",
                table: "pools_customers");

            migrationBuilder.DropColumn(
                name: "FollowUpFrom",
                table: "pools_customers");

            migrationBuilder.DropColumn(
                name: "OwnedFrom",
                table: "pools_customers");
        }
    }
}
