using Keqing.Modules.Customers.Domain;
using Keqing.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Modules.Customers.Data;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.ToTable("customers");
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Grade).HasConversion<string>().HasMaxLength(1);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Industry).HasMaxLength(100);
        b.Property(x => x.Province).HasMaxLength(50);
        b.Property(x => x.City).HasMaxLength(50);
        b.Property(x => x.Address).HasMaxLength(400);
        b.Property(x => x.Website).HasMaxLength(400);
        b.Property(x => x.Source).HasMaxLength(100);
        b.Property(x => x.CreditCode).HasMaxLength(18);
        b.Property(x => x.LegalRepresentative).HasMaxLength(100);
        b.HasIndex(x => x.CreditCode);
        b.Property(x => x.ExternalId).HasMaxLength(100);
        b.HasIndex(x => x.ExternalId).HasFilter("\"ExternalId\" IS NOT NULL").HasDatabaseName("IX_customers_ExternalId");
        b.Property(x => x.SearchName).HasMaxLength(2000).AuditIgnored();
        b.Property(x => x.PinyinKeys).HasMaxLength(4000).AuditIgnored();
        // Keyset orders of the live list: partial indexes over the rows that are not archived, so the index delivers
        // the order directly (an IS NULL in a composite key does not, on PostgreSQL).
        const string live = "\"ArchivedAt\" IS NULL";
        b.HasIndex(x => new { x.Name, x.Id }).HasFilter(live).HasDatabaseName("IX_customers_live_Name");
        // "名称 A→Z" is pinyin order: the stored sort key (PinyinIndex.SortKey), then the id.
        b.Property(x => x.NameSortKey).HasMaxLength(1000).AuditIgnored();
        b.HasIndex(x => new { x.NameSortKey, x.Id }).HasFilter(live).HasDatabaseName("IX_customers_live_NameSortKey");
        b.HasIndex(x => new { x.CreatedAt, x.Id }).HasFilter(live).HasDatabaseName("IX_customers_live_CreatedAt");
        b.HasIndex(x => new { x.UpdatedAt, x.Id }).HasFilter(live).HasDatabaseName("IX_customers_live_UpdatedAt");
        // A rep's own customers (the first branch of record access), and a manager's team's.
        b.HasIndex(x => new { x.OwnerId, x.NameSortKey, x.Id }).HasFilter(live).HasDatabaseName("IX_customers_live_Owner");
        b.HasIndex(x => new { x.TeamId, x.NameSortKey, x.Id }).HasFilter(live).HasDatabaseName("IX_customers_live_Team");
        b.HasIndex(x => x.ArchivedAt).HasFilter("\"ArchivedAt\" IS NOT NULL").HasDatabaseName("IX_customers_archived");
        b.HasIndex(x => new { x.Province, x.NameSortKey });
        b.HasIndex(x => new { x.Grade, x.NameSortKey });
        b.Property(x => x.DuplicateKey).HasMaxLength(260).AuditIgnored();
        b.HasIndex(x => x.DuplicateKey).HasFilter(live).HasDatabaseName("IX_customers_live_DuplicateKey");
        b.HasIndex(x => x.MergedIntoId).HasFilter("\"MergedIntoId\" IS NOT NULL");
        // "Customers near me": a bounding box on (latitude, longitude) first, over the live customers with a location.
        b.HasIndex(x => new { x.Latitude, x.Longitude }).HasFilter("\"ArchivedAt\" IS NULL AND \"Latitude\" IS NOT NULL")
            .HasDatabaseName("IX_customers_live_Location");
    }
}

internal sealed class DuplicateCandidateConfiguration : IEntityTypeConfiguration<DuplicateCandidate>
{
    public void Configure(EntityTypeBuilder<DuplicateCandidate> b)
    {
        b.ToTable("customers_duplicate_candidates");
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Reasons).HasMaxLength(2000);
        b.HasIndex(x => new { x.CustomerAId, x.CustomerBId }).IsUnique();
        b.HasIndex(x => x.CustomerBId);
        // The review queue: open pairs, best first.
        b.HasIndex(x => new { x.Status, x.Score, x.Id }).IsDescending(false, true, true);
    }
}

internal sealed class DuplicateScanStateConfiguration : IEntityTypeConfiguration<DuplicateScanState>
{
    public void Configure(EntityTypeBuilder<DuplicateScanState> b)
    {
        b.ToTable("customers_duplicate_scan");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.LastSkippedBlocks).HasMaxLength(4000);
        b.HasData(new DuplicateScanState());
    }
}

internal sealed class CustomerLookupConfiguration : IEntityTypeConfiguration<CustomerLookup>
{
    public void Configure(EntityTypeBuilder<CustomerLookup> b)
    {
        b.ToTable("customers_lookups");
        b.HasKey(x => new { x.Kind, x.Value, x.CustomerId });
        b.Property(x => x.Kind).HasConversion<short>();
        b.Property(x => x.Value).HasMaxLength(320);
        b.HasIndex(x => x.CustomerId);
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ContactLookupConfiguration : IEntityTypeConfiguration<ContactLookup>
{
    public void Configure(EntityTypeBuilder<ContactLookup> b)
    {
        b.ToTable("customers_contact_lookups");
        b.HasKey(x => new { x.Kind, x.Value, x.ContactId });
        b.Property(x => x.Kind).HasConversion<short>();
        b.Property(x => x.Value).HasMaxLength(320);
        b.HasIndex(x => x.ContactId);
        b.HasIndex(x => x.CustomerId);
        b.HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> b)
    {
        b.ToTable("customers_contacts");
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Title).HasMaxLength(100);
        b.Property(x => x.Hobbies).HasMaxLength(1000);
        b.Property(x => x.Notes).HasMaxLength(4000);
        b.Property(x => x.Family).HasMaxLength(2000);
        b.Property(x => x.Source).HasMaxLength(100);
        b.HasIndex(x => new { x.CustomerId, x.Id });
        b.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CustomFieldDefinitionConfiguration : IEntityTypeConfiguration<CustomFieldDefinition>
{
    public void Configure(EntityTypeBuilder<CustomFieldDefinition> b)
    {
        b.ToTable("customers_custom_fields");
        b.Property(x => x.Key).HasMaxLength(50);
        b.Property(x => x.Label).HasMaxLength(100);
        b.Property(x => x.Type).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Sensitivity).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(x => x.Key).IsUnique();
    }
}

internal sealed class CustomersProviderConfiguration : Infrastructure.Data.IProviderModelConfiguration
{
    public void ConfigurePostgres(ModelBuilder builder)
    {
        builder.HasPostgresExtension("pg_trgm");
        // Substring search on names and token-prefix search on pinyin keys at a million rows.
        builder.Entity<Customer>().HasIndex(x => x.SearchName).HasDatabaseName("IX_customers_SearchName_trgm")
            .HasMethod("gin").HasOperators("gin_trgm_ops");
        builder.Entity<Customer>().HasIndex(x => x.PinyinKeys).HasDatabaseName("IX_customers_PinyinKeys_trgm")
            .HasMethod("gin").HasOperators("gin_trgm_ops");
        // Byte order makes LIKE 'prefix%' on phone numbers use the primary key's B-tree.
        builder.Entity<CustomerLookup>().Property(x => x.Value).UseCollation("C");
        builder.Entity<ContactLookup>().Property(x => x.Value).UseCollation("C");
        // Byte order too for the duplicate blocks (a prefix range of the key), and the same order the scan groups by.
        builder.Entity<Customer>().Property(x => x.DuplicateKey).UseCollation("C");
        // The pinyin order key is compared byte by byte, as on SQLite, whatever the database's collation.
        builder.Entity<Customer>().Property(x => x.NameSortKey).UseCollation("C");
    }

    public void ConfigureSqlite(ModelBuilder builder) { }
}
