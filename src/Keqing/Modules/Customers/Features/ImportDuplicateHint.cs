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
        var likely = new HashSet<int>();
        foreach (var row in rows.Take(RowsChecked))
        {
            var probe = new DuplicateProbe(row.Name, row.City, row.Province, row.Phones, row.Emails, row.CreditCode);
            if ((await finder.Find(probe, null, ct)).Count > 0) likely.Add(row.RowNo);
        }
        return likely;
    }
}
