using System.Linq.Expressions;
using Keqing.Modules.Customers.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.SellThrough.Features;

/// <summary>
/// Distributor names as distributors write them: "明远贸易（上海）有限公司" in the archive is "明远贸易(上海)有限公司 " in
/// their file, "ACME" is "Acme". Two names are the same when they are after <see cref="Fold"/>.
/// </summary>
public static class DistributorNames
{
    /// <summary>Without surrounding spaces, full-width forms as half-width (（ → (, Ａ → A, the ideographic space → space), lower case.</summary>
    public static string Fold(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            chars[i] = chars[i] switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(chars[i] - 0xFEE0),
                '\u3000' => ' ',
                _ => chars[i],
            };
        return new string(chars).Trim().ToLowerInvariant();
    }

    /// <summary>
    /// A filter for the customers whose names may fold to one of <paramref name="folded"/>, for the caller to check with
    /// <see cref="Fold"/>: a name with other than ASCII in it by a LIKE pattern with every position that has a
    /// full-width form (ASCII) as a wildcard, so the Chinese characters narrow it; an all-ASCII name by lower(Name).
    /// Folding is length-preserving, so the pattern has the name's length. Values are parameters, not SQL text.
    /// </summary>
    public static Expression<Func<CustomerRef, bool>> LikeAny(IReadOnlyCollection<string> folded)
    {
        var customer = Expression.Parameter(typeof(CustomerRef), "c");
        var name = Expression.Property(customer, nameof(CustomerRef.Name));
        var like = typeof(DbFunctionsExtensions).GetMethod(nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string)])!;
        var lower = typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!;
        Expression? any = null;
        foreach (var key in folded)
        {
            Expression test = key.All(char.IsAscii)
                ? Expression.Equal(Expression.Call(name, lower), Parameter(key))
                : Expression.Call(like, Expression.Constant(EF.Functions), name, Parameter(Pattern(key)));
            any = any is null ? test : Expression.OrElse(any, test);
        }
        return Expression.Lambda<Func<CustomerRef, bool>>(any ?? Expression.Constant(false), customer);
    }

    private static string Pattern(string folded) => string.Create(folded.Length, folded, (span, source) =>
    {
        for (var i = 0; i < source.Length; i++) span[i] = source[i] is >= ' ' and <= '~' ? '_' : source[i];
    });

    /// <summary>A value EF Core sends as a parameter (a member of a captured object, as a closure's variable is).</summary>
    private static MemberExpression Parameter(string value) => Expression.Field(Expression.Constant(new Box(value)), nameof(Box.Value));

    private sealed class Box(string value)
    {
        public readonly string Value = value;
    }
}
