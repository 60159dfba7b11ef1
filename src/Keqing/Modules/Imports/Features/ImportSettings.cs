using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;

namespace Keqing.Modules.Imports.Features;

/// <summary>Checks an import's merge mode, source and legal basis, as an upload or a start gives them.</summary>
public static class ImportSettings
{
    public static (MergeMode Mode, string? Source, LegalBasis? Basis) Check(FieldErrors errors, string? modeText,
        string? source, string? basisText, bool required)
    {
        // By name only: Enum.TryParse would also take "2" or "skip,overwrite" (= overwrite).
        var mode = MergeMode.Skip;
        if (!string.IsNullOrWhiteSpace(modeText))
        {
            var named = Enum.GetValues<MergeMode>().Where(m => string.Equals(m.ToString(), modeText.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
            if (named.Count == 1) mode = named[0];
            else errors.Add("mode", FieldErrors.Text("The mode is skip, fillEmpty or overwrite."));
        }
        if (required) errors.Required("source", source);
        errors.MaxLength("source", source?.Trim(), 100);
        LegalBasis? basis = null;
        if (string.IsNullOrWhiteSpace(basisText))
        {
            if (required) errors.Add("legalBasis", FieldErrors.Text("State the legal basis for holding this data (none if there is none)."));
        }
        else if (Enum.TryParse<LegalBasis>(basisText.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                 && !int.TryParse(basisText, out _)) basis = parsed;
        else errors.Add("legalBasis", FieldErrors.Text("Unknown legal basis."));
        return (mode, source?.Trim(), basis);
    }
}
