using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Quotes.Contracts;
using Keqing.Modules.Quotes.Domain;
using Keqing.Modules.Todo.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Quotes.Features;

/// <summary>
/// The to-do centre's quotes section: the user's approved or sent quotes whose last valid day is within the next seven
/// days of the user's own calendar (today included), soonest first. Read through the (owner, status) index: a rep's
/// live quotes are few. Due is the end of the last valid day in the user's zone; none is overdue yet (past it, the
/// expiry job marks the quote expired).
/// </summary>
public sealed class QuotesTodo(KeqingDb db) : ITodoSource
{
    public const int Days = 7;

    public string Key => "quotes.expiring";
    public string Title => FieldErrors.Text("Quotes expiring within 7 days");
    public int Order => 50;
    public string? Capability => QuotesCapabilities.Work;

    private sealed record Cursor(DateOnly ValidUntil, Guid Id);

    public async Task<TodoSectionPage> Read(TodoQuery query, CancellationToken ct)
    {
        var today = query.Today;
        var last = today.AddDays(Days);
        var expiring = db.Set<Quote>().Where(x => x.OwnerId == query.UserId && (x.Status == QuoteStatus.Approved || x.Status == QuoteStatus.Sent)
            && x.ArchivedAt == null && x.ValidUntil >= today && x.ValidUntil <= last);
        if (query.Limit == 0) return TodoSectionPage.CountOnly(await expiring.CountAsync(ct));
        var page = expiring;
        if (Paging.Decode<Cursor>(query.After) is { } c)
            page = page.Where(x => x.ValidUntil > c.ValidUntil || (x.ValidUntil == c.ValidUntil && x.Id.CompareTo(c.Id) > 0));
        var rows = await page.OrderBy(x => x.ValidUntil).ThenBy(x => x.Id)
            .Select(x => new { x.Id, x.Number, x.Revision, x.Title, x.ValidUntil, Count = expiring.Count() })
            .Take(query.Limit + 1).ToListAsync(ct);
        var count = rows.Count > 0 ? rows[0].Count : query.After is null ? 0 : await expiring.CountAsync(ct);
        return TodoSectionPage.Of(rows, count, query.Limit, r => new Cursor(r.ValidUntil, r.Id),
            r => new TodoItem("quotes.quote", r.Id, r.Title is { Length: > 0 } title ? title : Pages.QuoteText.Name(r.Number, r.Revision), r.Title is { Length: > 0 } ? Pages.QuoteText.Name(r.Number, r.Revision) : null,
                EndOf(r.ValidUntil, query.Zone), false, $"/quotes/{r.Id}"));
    }

    private static DateTime EndOf(DateOnly day, TimeZoneInfo zone) => Keqing.Infrastructure.Time.UserClock.StartOfDay(day.AddDays(1), zone);
}
