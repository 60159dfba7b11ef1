using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class KbSearchRankIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_kb_articles_SearchTags_trgm",
                table: "kb_articles",
                column: "SearchTags")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_kb_articles_SearchTitle_trgm",
                table: "kb_articles",
                column: "SearchTitle")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_kb_articles_UpdatedAt",
                table: "kb_articles",
                column: "UpdatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_kb_articles_SearchTags_trgm",
                table: "kb_articles");

            migrationBuilder.DropIndex(
                name: "IX_kb_articles_SearchTitle_trgm",
                table: "kb_articles");

            migrationBuilder.DropIndex(
                name: "IX_kb_articles_UpdatedAt",
                table: "kb_articles");
        }
    }
}
