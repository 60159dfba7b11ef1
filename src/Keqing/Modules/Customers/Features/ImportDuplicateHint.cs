using Keqing.Modules.Customers.Contracts;

namespace Keqing.Modules.Customers.Features;

/// <summary>
/// An import preview's fuzzy check (DOMAIN A6): the rows among the first <see cref="RowsChecked"/> that the duplicate
/// scorer finds likely duplicates of customers the importer may see (similar names in the same city, shared phones …).
/// Exact keys are the bulk writer's; what a large file holds beyond these rows the scan after the import finds.
/// </summary>
public sealed class ImportDuplicateHint(DuplicateFinder finder) : IImportDuplicateHint
{
    public const int RowsChecked = 500;

    public async Task<IReadOnlySet<int>> LikelyDuplicates(IReadOnlyList<CustomerImportRow> rows, CancellationToken ct)
    {
        var checkedRows = rows.Take(RowsChecked).ToList();
        var matches = await finder.FindMany(
            [.. checkedRows.Select(r => new DuplicateProbe(r.Name, r.City, r.Province, r.Phones, r.Emails, r.CreditCode))], null, ct);
        return checkedRows.Where((_, i) => matches[i].Count > 0).Select(r => r.RowNo).ToHashSet();
    }
}
