using Bogus;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Web;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Modules.Timeline.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Timeline.Features;

/// <summary>A few months of calls, visits and messages on part of the demo customers, and some open commitments, for <c>--seed-demo</c>.</summary>
public sealed class TimelineDemoData(KeqingDb db, ICustomerDirectory customers, IUserDirectory users, ITimelinePublisher timeline, TimeProvider clock) : IDemoSeeder
{
    private static readonly string[] Subjects = ["季度回访", "报价跟进", "新品介绍", "交货时间确认", "付款进度沟通", "售后问题回访", "年度合同续签", "展会邀请"];
    private static readonly string[] Outcomes = ["客户有兴趣，需内部讨论", "同意下周看样品", "要求再降价 3%", "已确认交货时间", "暂无需求"];
    private static readonly string[] NextSteps = ["发送报价单", "安排技术交流", "寄送样品", "约定上门拜访", "提交合同草案"];
    private static readonly InteractionChannel[] Channels = [InteractionChannel.Call, InteractionChannel.Visit, InteractionChannel.Im, InteractionChannel.Email, InteractionChannel.Sms];

    public int Order => 20;

    public async Task Seed(CancellationToken ct)
    {
        if (await db.Set<Interaction>().AnyAsync(ct)) return;
        var staff = (await users.Active(ct)).Where(u => u.Email.StartsWith("rep", StringComparison.Ordinal) || u.Email.StartsWith("manager", StringComparison.Ordinal)).ToList();
        if (staff.Count == 0) return;
        var faker = new Faker("zh_CN") { Random = new Randomizer(20261125) };
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var user in staff)
        {
            // Half of each owner's customers have some history; the rest show up as due for contact.
            var owned = await customers.OwnedBy(user.Id).OrderBy(c => c.Name).Select(c => c.Id).ToListAsync(ct);
            foreach (var customerId in owned.Where((_, i) => i % 2 == 1))
            {
                for (var n = faker.Random.Int(1, 4); n > 0; n--)
                {
                    var at = now.AddDays(-faker.Random.Double(1, 120));
                    var interaction = new Interaction
                    {
                        CustomerId = customerId, Channel = faker.PickRandom(Channels), Direction = InteractionDirection.Outbound,
                        OccurredAt = at, Subject = faker.PickRandom(Subjects), Outcome = faker.PickRandom(Outcomes),
                        NextStep = faker.Random.Bool(0.6f) ? faker.PickRandom(NextSteps) : null,
                        UserId = user.Id, TeamId = user.TeamId, CreatedAt = at, UpdatedAt = at,
                    };
                    db.Add(interaction);
                    timeline.Publish(TimelineMapping.EntryOf(interaction));
                }
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
