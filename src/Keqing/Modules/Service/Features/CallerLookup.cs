using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Service.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Service.Features;

/// <summary>Who is calling: the customer holding a phone number, its contacts and its cases that are not resolved.</summary>
public sealed record Caller(CustomerSummary Customer, IReadOnlyList<ContactSummary> Contacts, IReadOnlyList<CaseSummaryDto> OpenCases);

/// <summary>
/// The phone call's first step: one number finds the caller (the customer or a contact holding it, compared normalised),
/// for those who may see that customer or look callers up (<c>customers.look-up</c>); null when nobody holds it.
/// </summary>
public sealed class CallerLookup(ICustomerDirectory customers, CreateCase create, ListCases list)
{
    public async Task<Caller?> Find(string? phone, CancellationToken ct)
    {
        var digits = new string((phone ?? "").Where(ch => char.IsDigit(ch) || ch == '+').ToArray());
        if (digits.Length < 5 || digits.Length > 20) throw new ValidationFailedException("phone", FieldErrors.Text("Enter the caller's phone number."));
        var found = await customers.FindByContactPoint([digits], [], ct);
        if (found is null || await create.CustomerFor(found.Id, ct) is null) return null;
        var open = await (await list.Visible(new CaseQuery(CustomerId: found.Id, Open: true), ct))
            .OrderByDescending(c => c.CreatedAt).Take(20).ToListAsync(ct);
        return new Caller(found, await customers.ContactsOf(found.Id, ct), await list.Summaries(open, ct));
    }
}
