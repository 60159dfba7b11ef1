using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Calendar.Contracts;
using Keqing.Modules.Sla.Contracts;
using Keqing.Modules.Sla.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Sla.Features;

/// <summary>SLA policies as an admin sets them up: list (in match order), read, create, change under If-Match, delete.</summary>
public sealed class SlaPolicies(KeqingDb db, TimeProvider time, ICompanyCalendar calendars)
{
    public const int MaxNameLength = 100;
    public const int MaxValues = 20;
    /// <summary>A year of round-the-clock minutes: more is a typing mistake.</summary>
    public const int MaxTargetMinutes = 525_600;
    public const int MaxPolicies = 500;

    /// <summary>Every policy, grouped by record type, in the order they are tried (most specific, then the admins' order).</summary>
    public async Task<IReadOnlyList<SlaPolicyDto>> List(CancellationToken ct) =>
        (await db.Set<SlaPolicy>().AsNoTracking().ToListAsync(ct))
        .OrderBy(p => p.RecordType, StringComparer.Ordinal).ThenByDescending(PolicyMatch.Specificity)
        .ThenBy(p => p.Order).ThenBy(p => p.CreatedAt).ThenBy(p => p.Id)
        .Select(p => p.ToDto()).ToList();

    public async Task<SlaPolicyDto> Get(Guid id, CancellationToken ct) =>
        (await db.Set<SlaPolicy>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("SLA policy")).ToDto();

    public async Task<SlaPolicyDto> Create(SlaPolicyInput input, CancellationToken ct)
    {
        await Check(input, ct);
        if (await db.Set<SlaPolicy>().CountAsync(ct) >= MaxPolicies)
            throw new ConflictException(FieldErrors.Text("There are already {0} SLA policies; delete one first.", MaxPolicies));
        var now = time.GetUtcNow().UtcDateTime;
        var policy = new SlaPolicy { CreatedAt = now, Version = 1 };
        Apply(policy, input, now);
        db.Add(policy);
        await db.SaveChangesAsync(ct);
        return policy.ToDto();
    }

    /// <summary>Changes a policy; clocks already running keep the targets they were started with until their record changes.</summary>
    public async Task<SlaPolicyDto> Update(Guid id, long expectedVersion, SlaPolicyInput input, CancellationToken ct)
    {
        var policy = await db.Set<SlaPolicy>().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("SLA policy");
        await Check(input, ct);
        Preconditions.ExpectVersion(db, policy, expectedVersion);
        Apply(policy, input, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return policy.ToDto();
    }

    /// <summary>Deletes a policy; clocks started under it keep running on the targets they have.</summary>
    public async Task Delete(Guid id, CancellationToken ct)
    {
        var policy = await db.Set<SlaPolicy>().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("SLA policy");
        db.Remove(policy);
        await db.SaveChangesAsync(ct);
    }

    private static void Apply(SlaPolicy policy, SlaPolicyInput input, DateTime now)
    {
        policy.Name = input.Name!.Trim();
        policy.RecordType = input.RecordType!.Trim();
        policy.Active = input.Active;
        policy.Order = input.Order ?? 0;
        policy.Priorities = SlaPolicy.Join(input.Priorities);
        policy.Types = SlaPolicy.Join(input.Types);
        policy.Grades = SlaPolicy.Join(input.Grades);
        policy.FirstResponseMinutes = input.FirstResponseMinutes;
        policy.ResolutionMinutes = input.ResolutionMinutes!.Value;
        policy.CalendarId = input.CalendarId is { } c && c != Calendars.DefaultId ? c : null;
        policy.WarningPercent = input.WarningPercent ?? SlaTargets.DefaultWarningPercent;
        policy.UpdatedAt = now;
    }

    private async Task Check(SlaPolicyInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Required("name", input.Name).MaxLength("name", input.Name?.Trim(), MaxNameLength);
        errors.Required("recordType", input.RecordType).MaxLength("recordType", input.RecordType?.Trim(), RecordClock.MaxRecordTypeLength);
        if (!string.IsNullOrWhiteSpace(input.RecordType) && input.RecordType.Trim().Length <= RecordClock.MaxRecordTypeLength
            && !IsRecordTypeKey(input.RecordType.Trim()))
            errors.Add("recordType", FieldErrors.Text("A record type key such as {0}.", "service.case"));
        if (input.Order is < 0 or > 10_000) errors.Add("order", FieldErrors.Text("Between {0} and {1}.", 0, 10_000));
        Values("priorities", input.Priorities, errors);
        Values("types", input.Types, errors);
        Values("grades", input.Grades, errors);
        if (input.FirstResponseMinutes is < 1 or > MaxTargetMinutes)
            errors.Add("firstResponseMinutes", FieldErrors.Text("Between {0} and {1} business minutes.", 1, MaxTargetMinutes));
        if (input.ResolutionMinutes is null) errors.Add("resolutionMinutes", FieldErrors.Text("Required."));
        else if (input.ResolutionMinutes is < 1 or > MaxTargetMinutes)
            errors.Add("resolutionMinutes", FieldErrors.Text("Between {0} and {1} business minutes.", 1, MaxTargetMinutes));
        else if (input.FirstResponseMinutes is { } first && first > input.ResolutionMinutes)
            errors.Add("firstResponseMinutes", FieldErrors.Text("The first response cannot be due after the resolution."));
        if (input.WarningPercent is < 1 or > 99) errors.Add("warningPercent", FieldErrors.Text("Between {0} and {1}.", 1, 99));
        if (input.CalendarId is { } calendarId && await calendars.Find(calendarId, ct) is null)
            errors.Add("calendarId", FieldErrors.Text("There is no such calendar."));
        errors.ThrowIfAny();
    }

    private static void Values(string field, IReadOnlyList<string>? values, FieldErrors errors)
    {
        if (values is null) return;
        if (values.Count > MaxValues) { errors.Add(field, FieldErrors.Text("At most {0}.", MaxValues)); return; }
        foreach (var value in values)
        {
            if (string.IsNullOrWhiteSpace(value)) errors.Add(field, FieldErrors.Text("An entry is empty."));
            else if (value.Trim().Length > RecordClock.MaxAttributeLength) errors.Add(field, FieldErrors.Text("A value is at most {0} characters.", RecordClock.MaxAttributeLength));
            else if (value.Contains(',')) errors.Add(field, FieldErrors.Text("A value cannot contain a comma."));
        }
    }

    /// <summary>module.name in lower-case letters, digits and dashes, as <c>[RecordType]</c> keys are written.</summary>
    internal static bool IsRecordTypeKey(string key) =>
        System.Text.RegularExpressions.Regex.IsMatch(key, "^[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*$");
}
