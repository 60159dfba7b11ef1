using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Approvals.Contracts;
using Keqing.Modules.Approvals.Domain;
using Keqing.Modules.Identity.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Approvals.Features;

/// <summary>
/// Approval flows as an admin sets them up (no code): for a record type some module handles, conditions that must all
/// hold and ordered steps with their approvers and fallback. A PUT replaces the steps; requests already submitted keep
/// the steps they were given.
/// </summary>
public sealed class ApprovalFlows(KeqingDb db, TimeProvider time, IUserDirectory users, IEnumerable<IApprovalOutcomeHandler> handlers)
{
    public const int MaxSteps = 10;
    public const int MaxUsersPerStep = 20;
    public const int MaxGrades = 20;

    /// <summary>The record types a flow can be made for: those a module handles the outcome of.</summary>
    public IReadOnlyList<string> RecordTypes() => handlers.Select(h => h.RecordType).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>The same record types with their names in the current language, as the admin page shows them.</summary>
    public IReadOnlyList<ApprovalRecordTypeDto> RecordTypeNames() =>
        handlers.GroupBy(h => h.RecordType).Select(g => new ApprovalRecordTypeDto(g.Key, g.First().DisplayName))
            .OrderBy(t => t.Key, StringComparer.Ordinal).ToList();

    public async Task<IReadOnlyList<FlowDto>> List(CancellationToken ct)
    {
        var flows = await db.Set<ApprovalFlow>().AsNoTracking().OrderBy(f => f.RecordType).ThenBy(f => f.Priority).ThenBy(f => f.Id).ToListAsync(ct);
        var steps = await db.Set<ApprovalFlowStep>().AsNoTracking().ToListAsync(ct);
        return flows.Select(f => ToDto(f, steps.Where(s => s.FlowId == f.Id))).ToList();
    }

    public async Task<FlowDto> Get(Guid id, CancellationToken ct)
    {
        var flow = await db.Set<ApprovalFlow>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct) ?? throw new NotFoundException("approval flow");
        return ToDto(flow, await db.Set<ApprovalFlowStep>().AsNoTracking().Where(s => s.FlowId == id).ToListAsync(ct));
    }

    public async Task<FlowDto> Create(FlowInput input, CancellationToken ct)
    {
        (await Check(input, ct)).ThrowIfAny();
        var now = time.GetUtcNow().UtcDateTime;
        var flow = new ApprovalFlow { RecordType = input.RecordType!.Trim(), CreatedAt = now };
        Apply(flow, input, now);
        db.Add(flow);
        var steps = NewSteps(flow.Id, input);
        db.AddRange(steps);
        await db.SaveChangesAsync(ct);
        return ToDto(flow, steps);
    }

    public async Task<FlowDto> Update(Guid id, long expectedVersion, FlowInput input, CancellationToken ct)
    {
        var flow = await db.Set<ApprovalFlow>().FirstOrDefaultAsync(f => f.Id == id, ct) ?? throw new NotFoundException("approval flow");
        (await Check(input, ct)).ThrowIfAny();
        Preconditions.ExpectVersion(db, flow, expectedVersion);
        var now = time.GetUtcNow().UtcDateTime;
        flow.RecordType = input.RecordType!.Trim();
        Apply(flow, input, now);
        if (!db.Entry(flow).Properties.Any(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue))) flow.Version++;
        db.RemoveRange(await db.Set<ApprovalFlowStep>().Where(s => s.FlowId == id).ToListAsync(ct));
        var steps = NewSteps(flow.Id, input);
        db.AddRange(steps);
        await db.SaveChangesAsync(ct);
        return ToDto(flow, steps);
    }

    public async Task Delete(Guid id, CancellationToken ct)
    {
        var flow = await db.Set<ApprovalFlow>().FirstOrDefaultAsync(f => f.Id == id, ct) ?? throw new NotFoundException("approval flow");
        db.RemoveRange(await db.Set<ApprovalFlowStep>().Where(s => s.FlowId == id).ToListAsync(ct));
        db.Remove(flow);
        await db.SaveChangesAsync(ct);
    }

    private static void Apply(ApprovalFlow flow, FlowInput input, DateTime now)
    {
        flow.Name = input.Name!.Trim();
        flow.Active = input.Active;
        flow.Priority = input.Priority ?? 0;
        flow.DiscountAbovePercent = input.DiscountAbovePercent;
        flow.DiscountAboveSubmitterLimit = input.DiscountAboveSubmitterLimit == true;
        flow.AmountAboveMinor = input.AmountAbove?.MinorUnits;
        flow.AmountCurrency = input.AmountAbove?.Currency;
        var grades = Grades(input);
        flow.CustomerGrades = grades.Count == 0 ? null : string.Join(',', grades);
        flow.UpdatedAt = now;
    }

    private static List<string> Grades(FlowInput input) =>
        (input.CustomerGrades ?? []).Where(g => !string.IsNullOrWhiteSpace(g)).Select(g => g.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private static List<ApprovalFlowStep> NewSteps(Guid flowId, FlowInput input) =>
        input.Steps!.Select((s, i) => new ApprovalFlowStep
        {
            FlowId = flowId, Order = i, Name = s.Name!.Trim(), Approver = s.Approver!.Value, ManagerLevel = s.ManagerLevel ?? 1,
            Role = s.Approver == ApproverKind.Role ? s.Role : null,
            UserIds = s.Approver == ApproverKind.Users ? string.Join(',', s.UserIds!.Distinct()) : null,
            Mode = s.Mode ?? StepMode.Any, Fallback = s.Fallback ?? StepFallback.NextLevelUp,
            FallbackUserId = s.Fallback == StepFallback.User ? s.FallbackUserId : null,
            FallbackRole = s.Fallback == StepFallback.Role ? s.FallbackRole : null,
        }).ToList();

    private async Task<FieldErrors> Check(FlowInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Required("recordType", input.RecordType);
        if (!string.IsNullOrWhiteSpace(input.RecordType) && !RecordTypes().Contains(input.RecordType.Trim()))
            errors.Add("recordType", FieldErrors.Text("No module handles approvals of this record type."));
        errors.Required("name", input.Name).MaxLength("name", input.Name?.Trim(), 100);
        if (input.Priority is < 0 or > 1000) errors.Add("priority", FieldErrors.Text("Between {0} and {1}.", 0, 1000));
        if (input.DiscountAbovePercent is < 0 or >= 100) errors.Add("discountAbovePercent", FieldErrors.Text("Between {0} and {1}.", 0, 99.99m));
        if (input.AmountAbove is { } amount && amount.MinorUnits < 0) errors.Add("amountAbove", FieldErrors.Text("Cannot be negative."));
        var grades = input.CustomerGrades ?? [];
        if (grades.Count > MaxGrades) errors.Add("customerGrades", FieldErrors.Text("At most {0}.", MaxGrades));
        for (var i = 0; i < Math.Min(grades.Count, MaxGrades); i++)
        {
            if (grades[i] is null) errors.Add($"customerGrades[{i}]", FieldErrors.Text("Required."));
            else if (grades[i].Contains(',', StringComparison.Ordinal)) errors.Add($"customerGrades[{i}]", FieldErrors.Text("Without commas."));
            else errors.MaxLength($"customerGrades[{i}]", grades[i].Trim(), 40);
        }
        var steps = input.Steps ?? [];
        if (steps.Count is 0 or > MaxSteps) errors.Add("steps", FieldErrors.Text("Between {0} and {1}.", 1, MaxSteps));
        for (var i = 0; i < Math.Min(steps.Count, MaxSteps); i++)
        {
            var s = steps[i];
            var at = $"steps[{i}]";
            if (s is null)
            {
                errors.Add(at, FieldErrors.Text("Required."));
                continue;
            }
            errors.Required($"{at}.name", s.Name).MaxLength($"{at}.name", s.Name?.Trim(), 100);
            switch (s.Approver)
            {
                case null:
                    errors.Add($"{at}.approver", FieldErrors.Text("Required."));
                    break;
                case ApproverKind.Manager when s.ManagerLevel is < 1 or > 5:
                    errors.Add($"{at}.managerLevel", FieldErrors.Text("Between {0} and {1}.", 1, 5));
                    break;
                case ApproverKind.Role when s.Role is null || !Roles.All.Contains(s.Role):
                    errors.Add($"{at}.role", FieldErrors.Text("Not a role."));
                    break;
                case ApproverKind.Users:
                    var ids = s.UserIds ?? [];
                    if (ids.Count is 0 or > MaxUsersPerStep) errors.Add($"{at}.userIds", FieldErrors.Text("Between {0} and {1}.", 1, MaxUsersPerStep));
                    else
                        foreach (var id in ids.Distinct())
                            if (await users.Find(id, ct) is not { IsActive: true })
                            {
                                errors.Add($"{at}.userIds", FieldErrors.Text("No active user has this id."));
                                break;
                            }
                    break;
            }
            if (s.Fallback == StepFallback.User && (s.FallbackUserId is not { } fallbackUser || await users.Find(fallbackUser, ct) is not { IsActive: true }))
                errors.Add($"{at}.fallbackUserId", FieldErrors.Text("No active user has this id."));
            if (s.Fallback == StepFallback.Role && (s.FallbackRole is null || !Roles.All.Contains(s.FallbackRole)))
                errors.Add($"{at}.fallbackRole", FieldErrors.Text("Not a role."));
        }
        return errors;
    }

    private static FlowDto ToDto(ApprovalFlow f, IEnumerable<ApprovalFlowStep> steps) =>
        new(f.Id, f.RecordType, f.Name, f.Active, f.Priority, f.DiscountAbovePercent,
            f.AmountAboveMinor is { } minor && f.AmountCurrency is { } currency ? Money.FromMinorUnits(minor, currency) : null,
            FlowRules.Grades(f.CustomerGrades),
            steps.OrderBy(s => s.Order).Select(s => new FlowStepInput(s.Name, s.Approver, s.ManagerLevel, s.Role, FlowRules.Ids(s.UserIds), s.Mode,
                s.Fallback, s.FallbackUserId, s.FallbackRole)).ToList(),
            f.Version, f.CreatedAt, f.DiscountAboveSubmitterLimit);
}
