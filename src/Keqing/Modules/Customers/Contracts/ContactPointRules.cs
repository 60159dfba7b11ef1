using Keqing.Modules.Customers.Domain;
using Keqing.Infrastructure.Text;

namespace Keqing.Modules.Customers.Contracts;

/// <summary>The archive's phone and email normalisation, for modules that check or match contact points (imports).</summary>
public static class ContactPointRules
{
    /// <inheritdoc cref="ContactPoints.NormalizePhone"/>
    public static string? NormalizePhone(string? phone) => ContactPoints.NormalizePhone(phone);

    /// <inheritdoc cref="ContactPoints.NormalizeEmail"/>
    public static string? NormalizeEmail(string? email) => ContactPoints.NormalizeEmail(email);

    /// <inheritdoc cref="PhoneNumbers.IsValid"/>
    public static bool IsValidPhone(string? phone) => PhoneNumbers.IsValid(phone);
}
