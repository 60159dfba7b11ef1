using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Text;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Privacy.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Customers.Features;

/// <summary>Why a customer list may hold fewer customers than the archive: the rule of the caller's role (ADR 0070).</summary>
public enum CustomerReadRule
{
    /// <summary>Record access alone: own, shared, the managed teams', all for an admin.</summary>
    RecordAccess,
    /// <summary>Beyond record access, only customers found by a full phone number, an email or a name.</summary>
    LookUp,
    /// <summary>Beyond record access, only customers one may market to.</summary>
    Marketable,
    /// <summary>The whole archive, read-only and masked.</summary>
    Archive,
}

/// <summary>
/// What each role reads of the customer archive (ADR 0070, DOMAIN P1/P5): record access (<see cref="IRecordAccess"/>),
/// widened for reading only by the caller's capabilities — a service agent finds a caller by full phone number, email
/// or name, a marketer reads the customers they may market to, an analyst reads the archive. Writing stays with record
/// access; masking is unchanged (<see cref="CustomerPrivacy"/>), and opening a customer through one of these rules is
/// written to the access log.
/// </summary>
public sealed class CustomerReadScope(KeqingDb db, IRecordAccess access, CurrentUser currentUser, IMarketingEligibility eligibility, IPrivacyGrants grants)
{
    /// <summary>The fewest characters of a name search that looks beyond one's own customers.</summary>
    public const int LookUpMinLength = 2;

    /// <summary>The fewest digits of a phone number that counts as a full number (a local landline has seven).</summary>
    public const int FullPhoneDigits = 7;

    /// <summary>The rule that widens the caller's reading beyond record access (the broadest they hold).</summary>
    public async Task<CustomerReadRule> RuleAsync(CancellationToken ct) =>
        (await access.ScopeAsync(ct)).IsAdmin ? CustomerReadRule.RecordAccess
        : currentUser.Can(CustomersCapabilities.ReadArchive) ? CustomerReadRule.Archive
        : currentUser.Can(CustomersCapabilities.ReadMarketable) ? CustomerReadRule.Marketable
        : currentUser.Can(CustomersCapabilities.LookUp) ? CustomerReadRule.LookUp
        : CustomerReadRule.RecordAccess;

    /// <summary>Whether a search term is one a look-up may answer beyond one's own customers.</summary>
    public static bool IsLookUpTerm(string? q)
    {
        var term = q?.Trim() ?? "";
        if (term.Contains('@')) return term.Length > 3;
        if (ContactPoints.LooksLikePhone(term)) return ContactPoints.NormalizePhone(term)?.Length >= FullPhoneDigits;
        return term.EnumerateRunes().Count() >= LookUpMinLength;
    }

    /// <summary>
    /// The customers of <paramref name="searched"/> (the search's matches, before filters) the caller may read, for a
    /// list, count or export with search term <paramref name="q"/>.
    /// </summary>
    public async Task<IQueryable<Customer>> Readable(IQueryable<Customer> searched, string? q, CancellationToken ct)
    {
        var rule = await RuleAsync(ct);
        if (rule is CustomerReadRule.Archive or CustomerReadRule.Marketable) return await Openable(searched, ct);
        var visible = await access.Visible(searched, ct);
        if (rule != CustomerReadRule.LookUp || !IsLookUpTerm(q)) return visible;
        var term = q!.Trim();
        if (!ContactPoints.LooksLikePhone(term)) return searched; // the name or email search itself is the look-up
        // A number finds only the customers holding exactly that number, never those it starts.
        var digits = ContactPoints.NormalizePhone(term)!;
        var ids = visible.Select(c => c.Id);
        var exact = db.Set<CustomerLookup>().Where(l => l.Kind == LookupKind.Phone && l.Value == digits).Select(l => l.CustomerId);
        return searched.Where(c => ids.Contains(c.Id) || exact.Contains(c.Id));
    }

    /// <summary>
    /// The customers of <paramref name="customers"/> the caller may open by id (<see cref="Find"/>): record access, all
    /// of them for a look-up or the archive, and the marketable ones for a marketer.
    /// </summary>
    public async Task<IQueryable<Customer>> Openable(IQueryable<Customer> customers, CancellationToken ct)
    {
        var rule = await RuleAsync(ct);
        if (rule is CustomerReadRule.Archive or CustomerReadRule.LookUp) return customers;
        var visible = await access.Visible(customers, ct);
        if (rule != CustomerReadRule.Marketable) return visible;
        var ids = visible.Select(c => c.Id);
        var marketable = Marketable();
        return customers.Where(c => ids.Contains(c.Id) || marketable.Contains(c.Id));
    }

    /// <summary>
    /// The customer with this id if the caller may read it (404 otherwise, never saying whether it exists). Opened
    /// through a role's rule rather than record access, the view is written to the access log with that rule.
    /// </summary>
    public async Task<Customer> Find(Guid id, CancellationToken ct)
    {
        var query = db.Set<Customer>().AsNoTracking();
        try
        {
            return await access.FindVisible(query, id, ct);
        }
        catch (NotFoundException)
        {
            var rule = await RuleAsync(ct);
            var customer = rule == CustomerReadRule.RecordAccess ? null
                : await (await Openable(query.Where(c => c.Id == id), ct)).FirstOrDefaultAsync(ct);
            if (customer is null) throw;
            await grants.LogViews(CustomersRecordTypes.Customer, [(customer.Id, [LogReason(rule)])], ct);
            return customer;
        }
    }

    /// <summary>The ids of the customers one may market to: a lawful basis and a current consent, on the customer or a contact of it.</summary>
    private IQueryable<Guid> Marketable()
    {
        var consented = eligibility.ConsentedToMarketing();
        var customers = db.Set<Customer>().Where(c => c.LegalBasis != LegalBasis.None
            && consented.Any(s => s.Type == SubjectType.Customer && s.Id == c.Id)).Select(c => c.Id);
        var throughContacts = db.Set<Contact>().Where(k => k.LegalBasis != LegalBasis.None
            && consented.Any(s => s.Type == SubjectType.Contact && s.Id == k.Id)).Select(k => k.CustomerId);
        return customers.Concat(throughContacts);
    }

    /// <summary>What the access log records as the reason a customer was opened outside record access.</summary>
    private static string LogReason(CustomerReadRule rule) => rule switch
    {
        CustomerReadRule.LookUp => "look-up",
        CustomerReadRule.Marketable => "marketing",
        _ => "archive",
    };
}
