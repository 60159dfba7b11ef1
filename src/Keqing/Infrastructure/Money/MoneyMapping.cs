using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Infrastructure.Money;

/// <summary>
/// Maps a <see cref="Money"/> property of an entity to two columns, the same on SQLite and PostgreSQL:
/// <c>{Name}Minor</c> (bigint, minor units) and <c>{Name}Currency</c> (the ISO 4217 code, 3 characters).
/// </summary>
/// <example><c>b.HasMoney(x => x.Total);</c> in an entity's configuration.</example>
public static class MoneyMapping
{
    public static EntityTypeBuilder<TEntity> HasMoney<TEntity>(this EntityTypeBuilder<TEntity> builder,
        Expression<Func<TEntity, Money>> property, string? columnPrefix = null) where TEntity : class
    {
        var name = columnPrefix ?? ((MemberExpression)property.Body).Member.Name;
        builder.ComplexProperty(property, money => money.HasMoneyColumns(name));
        return builder;
    }

    /// <summary>The two columns of a Money complex property (for a Money inside another complex type).</summary>
    public static ComplexPropertyBuilder<Money> HasMoneyColumns(this ComplexPropertyBuilder<Money> money, string columnPrefix)
    {
        money.Property(m => m.MinorUnits).HasColumnName(columnPrefix + "Minor").IsRequired();
        // Read through the property, so default(Money) is stored as CNY; materialized through the field.
        money.Property(m => m.Currency).HasColumnName(columnPrefix + "Currency").HasMaxLength(3).IsUnicode(false).IsRequired()
            .UsePropertyAccessMode(PropertyAccessMode.PreferFieldDuringConstruction);
        return money;
    }
}
