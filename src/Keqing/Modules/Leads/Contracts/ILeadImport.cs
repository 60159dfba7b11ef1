namespace Keqing.Modules.Leads.Contracts;

/// <summary>One validated row of a lead import (its owner already decided by the import's owner rules; null: the importer).</summary>
public sealed record LeadImportRow(int RowNo, LeadInput Input);

/// <summary>What became of a lead import row: a new lead, or (<c>Inserted</c> false) the lead it matched and was left alone.</summary>
public sealed record LeadImportResult(int RowNo, bool Inserted, Guid LeadId);

/// <summary>
/// What the import pipeline (Imports) needs to bring leads in (<c>entity=leads</c>): the lead rules a row must pass, the
/// existing leads that hold a row's phone or email, and the writing of a batch through the one way a lead is made.
/// </summary>
public interface ILeadImport
{
    /// <summary>Every reason a row cannot become a lead by the same rules as the lead form (empty: it can).</summary>
    IReadOnlyList<string> Validate(LeadInput input);

    /// <summary>The live lead holding one of each row's phones or emails, by row number.</summary>
    Task<IReadOnlyDictionary<int, Guid>> FindExisting(IReadOnlyList<LeadImportRow> rows, CancellationToken ct);

    /// <summary>
    /// Writes one batch in the caller's transaction (saved, not committed): a row whose phone or email a live lead (or an
    /// earlier row of the batch) holds is left alone; the others become leads with source Import (the row's source detail
    /// and legal basis kept), owned as the row says, else by <paramref name="importerId"/>.
    /// </summary>
    Task<IReadOnlyList<LeadImportResult>> Write(IReadOnlyList<LeadImportRow> rows, Guid importerId, CancellationToken ct);
}
