using Bogus;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Money;
using Keqing.Infrastructure.Web;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Modules.Opportunities.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Opportunities.Features;

/// <summary>
/// The demo company's pipelines 医院设备 and 经销商渠道 with their stages and reasons, and about forty opportunities on
/// the demo customers across the reps, stages and close months, some won and lost, for <c>--seed-demo</c>.
/// </summary>
public sealed class OpportunitiesDemoData(KeqingDb db, ICustomerDirectory customers, IUserDirectory users, TimeProvider clock) : IDemoSeeder
{
    private static readonly (string Name, (string Stage, int Probability, int? Stuck)[] Stages)[] DemoPipelines =
    [
        ("医院设备", [("线索确认", 10, 14), ("科室需求调研", 25, 21), ("招标准备", 45, 30), ("投标", 65, 21), ("合同谈判", 85, 14)]),
        ("经销商渠道", [("初步接触", 10, 14), ("样品试用", 30, 21), ("价格谈判", 60, 14), ("签约备货", 85, 10)]),
    ];
    private static readonly string[] Deals = ["彩超采购", "监护仪更新", "检验科流水线", "年度耗材框架", "区域代理续约", "新品首批订货", "CT 维保合同", "内镜中心建设"];
    private static readonly string[] Competitors = ["迈瑞", "联影", "GE医疗", "西门子医疗", "飞利浦"];
    private static readonly string[] WonReasons = ["技术方案领先", "价格有竞争力", "客户关系深厚", "交付周期短"];
    private static readonly string[] LostReasons = ["价格太高", "预算取消", "竞争对手关系更好", "技术参数不符"];

    public int Order => 30;

    public async Task Seed(CancellationToken ct)
    {
        if (await db.Set<Opportunity>().AnyAsync(ct)) return;
        var staff = (await users.Active(ct)).Where(u => u.Email.StartsWith("rep", StringComparison.Ordinal) || u.Email.StartsWith("manager", StringComparison.Ordinal)).ToList();
        if (staff.Count == 0) return;
        var faker = new Faker("zh_CN") { Random = new Randomizer(20261203) };
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);

        var stagesOf = new List<(Pipeline Pipeline, List<Stage> Stages)>();
        foreach (var (name, stages, i) in DemoPipelines.Select((p, i) => (p.Name, p.Stages, i)))
        {
            var pipeline = await db.Set<Pipeline>().FirstOrDefaultAsync(p => p.Name == name && p.ArchivedAt == null, ct);
            if (pipeline is null)
            {
                pipeline = new Pipeline { Name = name, Order = i, IsDefault = i == 0 && !await db.Set<Pipeline>().AnyAsync(p => p.IsDefault, ct), CreatedAt = now, UpdatedAt = now };
                db.Add(pipeline);
                var newStages = stages.Select((s, n) => new Stage { PipelineId = pipeline.Id, Name = s.Stage, Order = n, Probability = s.Probability, StuckAfterDays = s.Stuck }).ToList();
                db.AddRange(newStages);
                stagesOf.Add((pipeline, newStages));
            }
            else stagesOf.Add((pipeline, await db.Set<Stage>().Where(s => s.PipelineId == pipeline.Id && s.ArchivedAt == null).OrderBy(s => s.Order).ToListAsync(ct)));
        }
        if (!await db.Set<CloseReason>().AnyAsync(ct))
        {
            db.AddRange(WonReasons.Select((t, i) => new CloseReason { Kind = CloseReasonKind.Won, Text = t, Order = i }));
            db.AddRange(LostReasons.Select((t, i) => new CloseReason { Kind = CloseReasonKind.Lost, Text = t, Order = i }));
        }

        var made = 0;
        foreach (var user in staff)
        {
            var owned = await customers.OwnedBy(user.Id).OrderBy(c => c.Name).Select(c => c.Id).Take(8).ToListAsync(ct);
            foreach (var customerId in owned)
            {
                if (made >= 40) break;
                var (pipeline, stages) = stagesOf[made % stagesOf.Count];
                var stageIndex = faker.Random.Int(0, stages.Count - 1);
                var stage = stages[stageIndex];
                var created = now.AddDays(-faker.Random.Int(5, 90));
                var entered = now.AddDays(-faker.Random.Int(1, 40));
                if (entered < created) entered = created;
                var o = new Opportunity
                {
                    CustomerId = customerId, Name = faker.PickRandom(Deals), Amount = Money.FromMinorUnits(faker.Random.Long(20_000, 3_000_000) * 100),
                    ExpectedCloseDate = today.AddDays(faker.Random.Int(-20, 150)), PipelineId = pipeline.Id, StageId = stage.Id,
                    Probability = stage.Probability, ForecastCategory = faker.PickRandom(ForecastCategory.Pipeline, ForecastCategory.BestCase, ForecastCategory.Commit),
                    OwnerId = user.Id, TeamId = user.TeamId, Competitors = faker.Random.Bool(0.5f) ? [faker.PickRandom(Competitors)] : [],
                    NextStep = faker.Random.Bool(0.6f) ? "约科室主任演示" : null, Status = OpportunityStatus.Open, StageEnteredAt = entered,
                    CreatedAt = created, UpdatedAt = entered,
                };
                // Stage history: every earlier stage in order, then the current one.
                var at = created;
                for (var n = 0; n <= stageIndex; n++)
                {
                    var when = n == stageIndex ? entered : at;
                    db.Add(new StageChange { OpportunityId = o.Id, FromStageId = n == 0 ? null : stages[n - 1].Id, ToStageId = stages[n].Id, ChangedAt = when, UserId = user.Id });
                    at = at.AddSeconds((entered - created).TotalSeconds / (stageIndex + 1));
                }
                if (made % 7 == 3)
                {
                    o.Status = OpportunityStatus.Won;
                    o.Probability = 100;
                    o.ForecastCategory = ForecastCategory.Closed;
                    o.CloseReason = faker.PickRandom(WonReasons);
                    o.ClosedAt = entered.AddDays(1) < now ? entered.AddDays(1) : now;
                }
                else if (made % 7 == 5)
                {
                    o.Status = OpportunityStatus.Lost;
                    o.Probability = 0;
                    o.CloseReason = faker.PickRandom(LostReasons);
                    o.LostTo = faker.PickRandom(Competitors);
                    o.ClosedAt = entered.AddDays(1) < now ? entered.AddDays(1) : now;
                }
                db.Add(o);
                made++;
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
