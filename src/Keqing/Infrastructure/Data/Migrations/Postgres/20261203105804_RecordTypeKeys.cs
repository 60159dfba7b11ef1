using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RecordTypeKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Reveals name the record type by its key, so a reveal can be of any module's record.
            migrationBuilder.AddColumn<string>(
                name: "RecordType",
                table: "privacy_reveals",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");
            migrationBuilder.Sql("""
                UPDATE privacy_reveals SET "RecordType" = CASE "SubjectType" WHEN 'Contact' THEN 'customers.contact' ELSE 'customers.customer' END;
                """);
            migrationBuilder.DropColumn(
                name: "SubjectType",
                table: "privacy_reveals");

            // Shares were keyed by the class name; audit rows keep theirs (the hash chain covers it) and are read by key
            // or legacy name (RecordTypeAttribute.LegacyName).
            migrationBuilder.Sql("""
                UPDATE identity_record_shares SET "RecordType" = 'customers.customer' WHERE "RecordType" = 'Customer';
                UPDATE identity_record_shares SET "RecordType" = 'customers.contact' WHERE "RecordType" = 'Contact';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE identity_record_shares SET "RecordType" = 'Customer' WHERE "RecordType" = 'customers.customer';
                UPDATE identity_record_shares SET "RecordType" = 'Contact' WHERE "RecordType" = 'customers.contact';
                """);
            migrationBuilder.AddColumn<string>(
                name: "SubjectType",
                table: "privacy_reveals",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");
            migrationBuilder.Sql("""
                UPDATE privacy_reveals SET "SubjectType" = CASE "RecordType" WHEN 'customers.contact' THEN 'Contact' ELSE 'Customer' END;
                """);
            migrationBuilder.DropColumn(
                name: "RecordType",
                table: "privacy_reveals");
        }
    }
}
