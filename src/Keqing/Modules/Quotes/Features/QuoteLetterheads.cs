using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Quotes.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Quotes.Features;

/// <summary>The letterhead as read and written (the logo as base64 PNG).</summary>
public sealed record LetterheadDto(string CompanyNameZh, string? CompanyNameEn, string? Address, string? Phone, string? TaxId,
    string? BankName, string? BankAccount, string? LogoPng, string? FooterTerms, long Version);

/// <summary>A new letterhead: every field as it should print (empty = not printed); <c>logoPng</c> base64 of a PNG, null = none.</summary>
public sealed record LetterheadInput(string? CompanyNameZh, string? CompanyNameEn, string? Address, string? Phone, string? TaxId,
    string? BankName, string? BankAccount, string? LogoPng, string? FooterTerms);

/// <summary>Field lengths of the letterhead (the table's columns and the checks share them).</summary>
public static class QuoteLetterheadRules
{
    public const int NameLength = 200;
    public const int AddressLength = 300;
    public const int PhoneLength = 50;
    public const int TaxIdLength = 30;
    public const int BankAccountLength = 50;
    public const int TermsLength = 4000;
}

/// <summary>Reads and saves the one letterhead of printed quotes (If-Match; before the first save it reads as empty, version 0).</summary>
public sealed class QuoteLetterheads(KeqingDb db, TimeProvider time)
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public async Task<LetterheadDto> Get(CancellationToken ct) => ToDto(await Current(ct));

    /// <summary>The saved letterhead, or an empty one (version 0) when none was saved yet.</summary>
    public async Task<QuoteLetterhead> Current(CancellationToken ct) =>
        await db.Set<QuoteLetterhead>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == QuoteLetterhead.TheId, ct)
        ?? new QuoteLetterhead { Version = 0 };

    public async Task<LetterheadDto> Save(long expectedVersion, LetterheadInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var nameZh = Clean(input.CompanyNameZh);
        errors.Required("companyNameZh", nameZh);
        Check(errors, "companyNameZh", nameZh, QuoteLetterheadRules.NameLength);
        var nameEn = Check(errors, "companyNameEn", Clean(input.CompanyNameEn), QuoteLetterheadRules.NameLength);
        var address = Check(errors, "address", Clean(input.Address), QuoteLetterheadRules.AddressLength);
        var phone = Check(errors, "phone", Clean(input.Phone), QuoteLetterheadRules.PhoneLength);
        var taxId = Check(errors, "taxId", Clean(input.TaxId), QuoteLetterheadRules.TaxIdLength);
        var bankName = Check(errors, "bankName", Clean(input.BankName), QuoteLetterheadRules.NameLength);
        var bankAccount = Check(errors, "bankAccount", Clean(input.BankAccount), QuoteLetterheadRules.BankAccountLength);
        var terms = Check(errors, "footerTerms", string.IsNullOrWhiteSpace(input.FooterTerms) ? null : input.FooterTerms.Trim(), QuoteLetterheadRules.TermsLength);
        var logo = Logo(errors, input.LogoPng);
        errors.ThrowIfAny();

        var row = await db.Set<QuoteLetterhead>().FirstOrDefaultAsync(x => x.Id == QuoteLetterhead.TheId, ct);
        if (row is null)
        {
            if (!Preconditions.Matches(expectedVersion, 0)) throw new PreconditionFailedException();
            // Version 1 on the first save: whoever read the empty letterhead (version 0) and saves after us gets 412.
            row = new QuoteLetterhead { Version = 1 };
            db.Add(row);
        }
        else Preconditions.ExpectVersion(db, row, expectedVersion);
        row.CompanyNameZh = nameZh!;
        row.CompanyNameEn = nameEn;
        row.Address = address;
        row.Phone = phone;
        row.TaxId = taxId;
        row.BankName = bankName;
        row.BankAccount = bankAccount;
        row.LogoPng = logo;
        row.FooterTerms = terms;
        row.UpdatedAt = time.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (db.Entry(row).State == EntityState.Added)
        {
            throw new PreconditionFailedException(); // someone else saved the first letterhead at the same moment
        }
        return ToDto(row);
    }

    private static LetterheadDto ToDto(QuoteLetterhead x) => new(x.CompanyNameZh, x.CompanyNameEn, x.Address, x.Phone, x.TaxId,
        x.BankName, x.BankAccount, x.LogoPng is { } png ? Convert.ToBase64String(png) : null, x.FooterTerms, x.Version);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Check(FieldErrors errors, string field, string? value, int max)
    {
        errors.MaxLength(field, value, max);
        return value;
    }

    /// <summary>The logo's bytes when it is a PNG of at most <see cref="QuoteLetterhead.MaxLogoBytes"/> that the PDF can show.</summary>
    private static byte[]? Logo(FieldErrors errors, string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64)) return null;
        // Checked before decoding: a huge string is refused without being turned into bytes.
        if (base64.Length > (QuoteLetterhead.MaxLogoBytes + 2) / 3 * 4 + 4)
        {
            errors.Add("logoPng", FieldErrors.Text("The logo may be at most {0} KB.", QuoteLetterhead.MaxLogoBytes / 1024));
            return null;
        }
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            errors.Add("logoPng", FieldErrors.Text("The logo must be a PNG image in base64."));
            return null;
        }
        if (bytes.Length > QuoteLetterhead.MaxLogoBytes)
        {
            errors.Add("logoPng", FieldErrors.Text("The logo may be at most {0} KB.", QuoteLetterhead.MaxLogoBytes / 1024));
            return null;
        }
        if (!bytes.AsSpan().StartsWith(PngSignature) || !QuotePdf.CanDraw(bytes))
        {
            errors.Add("logoPng", FieldErrors.Text("The logo must be a PNG image in base64."));
            return null;
        }
        return bytes;
    }
}
