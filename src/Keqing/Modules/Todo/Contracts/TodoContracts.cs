using Keqing.Infrastructure.Http;

namespace Keqing.Modules.Todo.Contracts;

/// <summary>
/// A section of the to-do centre (待办, DOMAIN C8): what one module has waiting for the signed-in user. A module
/// contributes one by listing its implementation in its manifest's <c>Contributions</c>
/// (<c>ServiceDescriptor.Scoped&lt;ITodoSource, MyTodo&gt;()</c>); the to-do centre asks every source it may show.
/// <para>
/// To write one: filter the user's own open work (a to-do list is personal: a manager sees only their own here), order
/// it by a unique key (due time then id), read the count and the first <see cref="TodoQuery.Limit"/> + 1 rows in ONE
/// statement (a <c>Count()</c> of the whole filter as a column of the page's rows; count again only when a later page
/// came back empty), and build the answer with <see cref="TodoSectionPage.Of{TRow, TCursor}"/>. Decode
/// <see cref="TodoQuery.After"/> with <see cref="Paging.Decode{TKey}"/> (a cursor that is not yours answers 400).
/// "Today" is <see cref="TodoQuery.EndOfToday"/>: the end of the user's day in their own time zone, not UTC.
/// </para>
/// </summary>
public interface ITodoSource
{
    /// <summary>The section's stable key, <c>&lt;module key&gt;.&lt;name&gt;</c> (<c>timeline.tasks</c>): what <c>?section=</c> takes.</summary>
    string Key { get; }

    /// <summary>
    /// The section's title in the current UI language: return <c>FieldErrors.Text</c> of the English title, with that
    /// key in the contributing module's resource (the texts test checks it there).
    /// </summary>
    string Title { get; }

    /// <summary>Where the section stands on the page and in the counts, smallest first.</summary>
    int Order { get; }

    /// <summary>The capability the user needs to see the section at all; null: everyone signed in.</summary>
    string? Capability { get; }

    /// <summary>The user's count and one page of items; with <see cref="TodoQuery.Limit"/> 0 only the count (one cheap query).</summary>
    Task<TodoSectionPage> Read(TodoQuery query, CancellationToken ct);
}

/// <summary>What a source is asked: whose to-dos, at which instant, where their day ends, and which page.</summary>
/// <param name="UserId">The signed-in user; their own work only.</param>
/// <param name="Now">The instant (UTC) of the request, from the app's clock: an item due before it is overdue.</param>
/// <param name="Today">The user's calendar day in their own time zone.</param>
/// <param name="EndOfToday">The instant (UTC) the user's day ends: "due today" is due before it.</param>
/// <param name="Zone">The user's time zone.</param>
/// <param name="Limit">How many items (0: the count only).</param>
/// <param name="After">The cursor of the previous page, as the source issued it; null for the first page.</param>
public sealed record TodoQuery(Guid UserId, DateTime Now, DateOnly Today, DateTime EndOfToday, TimeZoneInfo Zone, int Limit, string? After);

/// <summary>One item waiting for the user, linking to its record.</summary>
/// <param name="RecordType">The record type key (<c>timeline.task</c>).</param>
/// <param name="RecordId">The record's id.</param>
/// <param name="Title">What it is ("给明远医疗回电话").</param>
/// <param name="Subtitle">A second line (the customer, the submitter), or null.</param>
/// <param name="DueAt">When it is due (UTC), or null when it has no due time (an approval waiting).</param>
/// <param name="Overdue">Past its due time.</param>
/// <param name="Href">The page of its record.</param>
public sealed record TodoItem(string RecordType, Guid RecordId, string Title, string? Subtitle, DateTime? DueAt, bool Overdue, string Href);

/// <summary>A source's answer: how many items in all, one page of them, and the cursor of the next page (null on the last).</summary>
public sealed record TodoSectionPage(int Count, IReadOnlyList<TodoItem> Items, string? Next)
{
    public static TodoSectionPage CountOnly(int count) => new(count, [], null);

    /// <summary>
    /// The page from rows read with <c>Limit + 1</c> (one more tells there is a next page), the count read with them,
    /// the cursor of a row and the item of a row.
    /// </summary>
    public static TodoSectionPage Of<TRow, TCursor>(List<TRow> rows, int count, int limit, Func<TRow, TCursor> cursorOf, Func<TRow, TodoItem> itemOf)
    {
        var page = Paging.ToPage(rows, limit, cursorOf);
        return new TodoSectionPage(count, page.Items.Select(itemOf).ToList(), page.Next);
    }
}

/// <summary>One section as the API answers it.</summary>
public sealed record TodoSectionDto(string Key, string Title, int Count, IReadOnlyList<TodoItem> Items, string? Next);

/// <summary>Everything waiting for the user (<c>GET /api/me/todo</c>): their day and the sections they may see, in order.</summary>
public sealed record TodoDto(DateOnly Date, IReadOnlyList<TodoSectionDto> Sections);

/// <summary>A section's count (<c>GET /api/me/todo/counts</c>, the home page).</summary>
public sealed record TodoCountDto(string Key, string Title, int Count);

/// <summary>The counts of every section the user may see, in order, and their sum.</summary>
public sealed record TodoCountsDto(IReadOnlyList<TodoCountDto> Sections, int Total);
