using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Money;
using Keqing.Infrastructure.Web;
using Keqing.Modules.Approvals.Contracts;
using Keqing.Modules.Approvals.Domain;
using Keqing.Modules.Identity.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Approvals.Features;

/// <summary>
/// The demo company's quote approval: a quote above ¥500,000 goes to the rep's manager and then the administrators; a
/// quote with a discount above 10 % to the rep's manager. Seeded under the key "quotes.quote" whether or not the Quotes
/// module's handler is there yet: the key is the one its contract names, and the flow starts working the moment the
/// handler is, with no second seeding run.
/// </summary>
public sealed class ApprovalsDemoData(KeqingDb db, TimeProvider clock) : IDemoSeeder
{
    public const string QuoteRecordType = "quotes.quote";

    public int Order => 55;

    public async Task Seed(CancellationToken ct)
    {
        if (await db.Set<ApprovalFlow>().AnyAsync(f => f.RecordType == QuoteRecordType, ct)) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var large = new ApprovalFlow
        {
            RecordType = QuoteRecordType, Name = "大额报价审批", Priority = 10, AmountAboveMinor = Money.Of(500_000m).MinorUnits,
            AmountCurrency = Currencies.Default, CreatedAt = now, UpdatedAt = now,
        };
        var discount = new ApprovalFlow
        {
            RecordType = QuoteRecordType, Name = "折扣审批", Priority = 20, DiscountAbovePercent = 10m, CreatedAt = now, UpdatedAt = now,
        };
        db.AddRange(large, discount);
        db.AddRange(
            new ApprovalFlowStep
            {
                FlowId = large.Id, Order = 0, Name = "直属上级", Approver = ApproverKind.Manager, ManagerLevel = 1, Mode = StepMode.Any,
                Fallback = StepFallback.NextLevelUp,
            },
            new ApprovalFlowStep
            {
                FlowId = large.Id, Order = 1, Name = "总经理", Approver = ApproverKind.Role, Role = Roles.Admin, Mode = StepMode.Any,
                Fallback = StepFallback.Role, FallbackRole = Roles.Admin,
            },
            new ApprovalFlowStep
            {
                FlowId = discount.Id, Order = 0, Name = "直属上级", Approver = ApproverKind.Manager, ManagerLevel = 1, Mode = StepMode.Any,
                Fallback = StepFallback.NextLevelUp,
            });
        await db.SaveChangesAsync(ct);
    }
}
