using Keqing.Infrastructure.Audit;
using Keqing.Modules.Kb.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Modules.Kb.Data;

internal sealed class KbArticleConfiguration : IEntityTypeConfiguration<KbArticle>
{
    public void Configure(EntityTypeBuilder<KbArticle> b)
    {
        b.ToTable("kb_articles");
        b.Property(x => x.Title).HasMaxLength(KbRules.TitleMax);
        b.Property(x => x.Body).HasMaxLength(KbRules.BodyMax);
        b.Property(x => x.Tags).HasMaxLength(KbRules.TagsColumnMax);
        b.Property(x => x.Audience).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.SearchTitle).HasMaxLength(KbRules.TitleMax).AuditIgnored();
        b.Property(x => x.SearchTags).HasMaxLength(KbRules.TagsColumnMax).AuditIgnored();
        b.Property(x => x.SearchText).HasMaxLength(KbRules.SearchTextMax).AuditIgnored();
        b.Property(x => x.Views).AuditIgnored();
        b.Property(x => x.HelpfulYes).AuditIgnored();
        b.Property(x => x.HelpfulNo).AuditIgnored();
        b.HasIndex(x => new { x.Status, x.UpdatedAt });
        b.HasIndex(x => x.UpdatedAt); // the newest first for those who see every status (search walks it)
        b.HasIndex(x => x.CategoryId);
        b.HasOne<KbCategory>().WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class KbArticleVersionConfiguration : IEntityTypeConfiguration<KbArticleVersion>
{
    public void Configure(EntityTypeBuilder<KbArticleVersion> b)
    {
        b.ToTable("kb_article_versions");
        b.Property(x => x.Title).HasMaxLength(KbRules.TitleMax);
        b.Property(x => x.Body).HasMaxLength(KbRules.BodyMax);
        b.Property(x => x.Tags).HasMaxLength(KbRules.TagsColumnMax);
        b.Property(x => x.Audience).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(x => new { x.ArticleId, x.Number }).IsUnique();
        b.HasOne<KbArticle>().WithMany().HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class KbCategoryConfiguration : IEntityTypeConfiguration<KbCategory>
{
    public void Configure(EntityTypeBuilder<KbCategory> b)
    {
        b.ToTable("kb_categories");
        b.Property(x => x.Name).HasMaxLength(100);
        b.HasIndex(x => x.ParentId);
        b.HasOne<KbCategory>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class KbViewConfiguration : IEntityTypeConfiguration<KbView>
{
    public void Configure(EntityTypeBuilder<KbView> b)
    {
        b.ToTable("kb_views");
        b.HasKey(x => new { x.ArticleId, x.UserId, x.Day });
        b.HasOne<KbArticle>().WithMany().HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class KbFeedbackConfiguration : IEntityTypeConfiguration<KbFeedback>
{
    public void Configure(EntityTypeBuilder<KbFeedback> b)
    {
        b.ToTable("kb_feedback");
        b.HasKey(x => new { x.ArticleId, x.UserId });
        b.HasOne<KbArticle>().WithMany().HasForeignKey(x => x.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class KbProviderConfiguration : Infrastructure.Data.IProviderModelConfiguration
{
    public void ConfigurePostgres(ModelBuilder builder)
    {
        builder.HasPostgresExtension("pg_trgm");
        // Substring search (three characters or more) over title, tags and body text, Chinese included.
        builder.Entity<KbArticle>().HasIndex(x => x.SearchText).HasDatabaseName("IX_kb_articles_SearchText_trgm")
            .HasMethod("gin").HasOperators("gin_trgm_ops");
        // Search ranks title hits, then tag hits, each its own query: rare terms find them through these.
        builder.Entity<KbArticle>().HasIndex(x => x.SearchTitle).HasDatabaseName("IX_kb_articles_SearchTitle_trgm")
            .HasMethod("gin").HasOperators("gin_trgm_ops");
        builder.Entity<KbArticle>().HasIndex(x => x.SearchTags).HasDatabaseName("IX_kb_articles_SearchTags_trgm")
            .HasMethod("gin").HasOperators("gin_trgm_ops");
    }

    // SQLite scans: a knowledge base on SQLite is a small one.
    public void ConfigureSqlite(ModelBuilder builder) { }
}
