using Keqing.Infrastructure.Data;

namespace Keqing.Modules.Quotes.Domain;

/// <summary>
/// The company header and footer of every printed quote and PDF (one row for the whole company): names, address,
/// phone, tax id (税号), bank (开户行, 账号), an optional small PNG logo and the terms printed under the totals.
/// </summary>
public sealed class QuoteLetterhead : IVersioned
{
    /// <summary>The one row's key.</summary>
    public const int TheId = 1;
    /// <summary>A logo is for a letterhead, not a photo: PNG up to this many bytes.</summary>
    public const int MaxLogoBytes = 256 * 1024;

    public int Id { get; set; } = TheId;
    public string CompanyNameZh { get; set; } = "";
    public string? CompanyNameEn { get; set; }
    public string? Address { get; set; }
    public string? Phone { get; set; }
    /// <summary>统一社会信用代码 / 纳税人识别号.</summary>
    public string? TaxId { get; set; }
    /// <summary>开户行.</summary>
    public string? BankName { get; set; }
    /// <summary>账号.</summary>
    public string? BankAccount { get; set; }
    public byte[]? LogoPng { get; set; }
    /// <summary>Terms printed at the end of every quote (delivery, payment, warranty), lines as typed.</summary>
    public string? FooterTerms { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
}
