using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Web;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.FieldWork.Contracts;
using Keqing.Modules.FieldWork.Domain;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Timeline.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.FieldWork.Features;

/// <summary>Dispatches as the API shows them (names, the result's visit with its photos), and their entry on the customer's timeline.</summary>
public sealed class DispatchMapping(KeqingDb db, ICustomerDirectory customers, IUserDirectory users, VisitMapping visits, ITimelinePublisher timeline)
{
    public async Task<IReadOnlyList<DispatchDto>> Many(IReadOnlyList<Dispatch> list, CancellationToken ct)
    {
        if (list.Count == 0) return [];
        var names = await customers.Find(list.Select(d => d.CustomerId).Distinct(), ct);
        var people = await users.Names(list.Select(d => d.OwnerId).Concat(list.Select(d => d.DispatchedBy)).Distinct(), ct);
        var visitIds = list.Where(d => d.VisitId is not null).Select(d => d.VisitId!.Value).Distinct().ToList();
        var visitRows = visitIds.Count == 0 ? [] : await db.Set<Visit>().AsNoTracking().Where(v => visitIds.Contains(v.Id)).ToListAsync(ct);
        var visitDtos = (await visits.Many(visitRows, ct)).ToDictionary(v => v.Id);
        return list.Select(d => new DispatchDto
        {
            Id = d.Id, RecordType = d.RecordType, RecordId = d.RecordId, RecordLabel = d.RecordLabel, RecordLink = d.RecordLink,
            CustomerId = d.CustomerId, CustomerName = names.TryGetValue(d.CustomerId, out var c) ? c.Name : "",
            TechnicianId = d.OwnerId, TechnicianName = people.GetValueOrDefault(d.OwnerId, ""),
            WindowFrom = d.WindowFrom, WindowTo = d.WindowTo, Note = d.Note, Status = d.Status, ResultNote = d.ResultNote, ResultAt = d.ResultAt,
            Visit = d.VisitId is { } v ? visitDtos.GetValueOrDefault(v) : null,
            DispatchedBy = d.DispatchedBy, DispatchedByName = people.GetValueOrDefault(d.DispatchedBy, ""), CreatedAt = d.CreatedAt, Version = d.Version,
        }).ToList();
    }

    /// <summary>The dispatch's entry on the customer's timeline (a visit, due at the window's start), added in the unit of work.</summary>
    public void Publish(Dispatch d) => timeline.Publish(Entry(d));

    public Task Changed(Dispatch d, CancellationToken ct) => timeline.Update(Entry(d), ct);

    private static TimelineEntryInput Entry(Dispatch d)
    {
        var summary = d.Status switch
        {
            DispatchStatus.Planned => FieldErrors.Text("Dispatch planned."),
            DispatchStatus.Done => FieldErrors.Text("Fixed on site."),
            DispatchStatus.NeedsParts => FieldErrors.Text("Parts are needed."),
            _ => FieldErrors.Text("Could not be fixed on site."),
        };
        var note = d.Status == DispatchStatus.Planned ? d.Note : d.ResultNote;
        if (note is not null) summary += " " + note;
        return new TimelineEntryInput(d.CustomerId, d.ResultAt ?? d.WindowFrom, VisitTimeline.Type, "visit", d.OwnerId, d.TeamId,
            FieldErrors.Text("Field dispatch for {0}", d.RecordLabel), summary, VisitTimeline.Module, d.Id,
            d.Status == DispatchStatus.Planned ? d.WindowFrom : null);
    }

    [TextKeys]
    public static string StatusText(DispatchStatus s) => s switch
    {
        DispatchStatus.Planned => "Planned",
        DispatchStatus.Done => "Done",
        DispatchStatus.NeedsParts => "Needs parts",
        DispatchStatus.CouldNotFix => "Could not fix",
        _ => s.ToString(),
    };
}
