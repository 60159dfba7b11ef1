using Keqing.Infrastructure.Auth;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Time;
using Keqing.Modules.Todo.Contracts;

namespace Keqing.Modules.Todo.Features;

/// <summary>
/// The to-do centre (待办, DOMAIN C8): every section the signed-in user may see (a source without a capability, or one
/// they hold), each asked for its count and first items, in the sections' order. Sections are read one after the other
/// on the request's one DbContext (a DbContext runs one query at a time); each source reads its section in one statement.
/// </summary>
public sealed class GetTodo(IEnumerable<ITodoSource> sources, CurrentUser me, IUserTimeZones zones, TimeProvider clock)
{
    /// <summary>Items per section when all sections come at once.</summary>
    public const int FirstItems = 10;

    /// <summary>All sections with their first <paramref name="limit"/> items (default <see cref="FirstItems"/>, at most 50).</summary>
    public async Task<TodoDto> All(int? limit, CancellationToken ct)
    {
        var take = limit switch
        {
            null => FirstItems,
            < 0 => throw new ValidationFailedException("limit", FieldErrors.Text("limit must be at least 0.")),
            _ => Math.Min(limit.Value, 50),
        };
        var (query, visible) = await Start(take, null, ct);
        var sections = new List<TodoSectionDto>();
        foreach (var source in visible)
        {
            var page = await source.Read(query, ct);
            sections.Add(new TodoSectionDto(source.Key, source.Title, page.Count, page.Items, page.Next));
        }
        return new TodoDto(query.Today, sections);
    }

    /// <summary>One section, keyset-paged: <paramref name="after"/> is the <c>next</c> of the previous page.</summary>
    public async Task<TodoSectionDto> Section(string section, int? limit, string? after, CancellationToken ct)
    {
        var (query, visible) = await Start(Paging.Limit(limit), after, ct);
        var source = visible.FirstOrDefault(s => s.Key == section)
            ?? throw new ValidationFailedException("section", FieldErrors.Text("There is no such to-do section."));
        var page = await source.Read(query, ct);
        return new TodoSectionDto(source.Key, source.Title, page.Count, page.Items, page.Next);
    }

    /// <summary>The count of every section, for the home page: one cheap count per section.</summary>
    public async Task<TodoCountsDto> Counts(CancellationToken ct)
    {
        var (query, visible) = await Start(0, null, ct);
        var counts = new List<TodoCountDto>();
        foreach (var source in visible) counts.Add(new TodoCountDto(source.Key, source.Title, (await source.Read(query, ct)).Count));
        return new TodoCountsDto(counts, counts.Sum(c => c.Count));
    }

    private async Task<(TodoQuery, List<ITodoSource>)> Start(int limit, string? after, CancellationToken ct)
    {
        var userId = me.UserId;
        var now = clock.GetUtcNow().UtcDateTime;
        var zone = await zones.Of(userId, ct);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, zone));
        var query = new TodoQuery(userId, now, today, UserClock.StartOfDay(today.AddDays(1), zone), zone, limit, after);
        var visible = sources.Where(s => s.Capability is null || me.Can(s.Capability))
            .OrderBy(s => s.Order).ThenBy(s => s.Key, StringComparer.Ordinal).ToList();
        return (query, visible);
    }
}
