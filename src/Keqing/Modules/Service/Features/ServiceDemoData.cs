using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Events;
using Keqing.Infrastructure.Web;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Service.Features;

/// <summary>
/// The demo company's case categories and a dozen cases on the demo customers for the service team (周静 and 孙主管):
/// questions, repairs and complaints, some still open, for <c>--seed-demo</c>.
/// </summary>
public sealed class ServiceDemoData(KeqingDb db, ICustomerDirectory customers, IUserDirectory users, DomainEvents events, TimeProvider clock) : IDemoSeeder
{
    private static readonly (string Parent, string[] Children)[] Categories =
    [
        ("设备维修", ["超声设备", "监护设备", "检验设备"]),
        ("使用咨询", ["操作培训", "软件升级"]),
        ("投诉", ["服务态度", "交付延误", "产品质量"]),
    ];

    private static readonly (string Subject, CaseType Type, CasePriority Priority, CaseStatus Status, string Category, string Reply)[] Cases =
    [
        ("彩超探头图像出现条纹", CaseType.Repair, CasePriority.High, CaseStatus.Open, "超声设备", "已安排工程师明天上午到院检查探头。"),
        ("维修工程师一个月没上门", CaseType.Complaint, CasePriority.Urgent, CaseStatus.Open, "交付延误", "非常抱歉，主管已介入，今天下午回电说明安排。"),
        ("监护仪报警音量如何调整", CaseType.Question, CasePriority.Low, CaseStatus.Resolved, "操作培训", "在 设置 → 报警 → 音量 中调整，已发送操作视频。"),
        ("检验流水线软件升级后无法打印", CaseType.Repair, CasePriority.Normal, CaseStatus.WaitingOnCustomer, "软件升级", "请提供打印机型号和报错截图。"),
        ("客服电话多次无人接听", CaseType.Complaint, CasePriority.High, CaseStatus.New, "服务态度", ""),
        ("申请增加一次操作培训", CaseType.Request, CasePriority.Normal, CaseStatus.Closed, "操作培训", "培训已安排在下周三。"),
        ("耗材批次质量问题", CaseType.Complaint, CasePriority.High, CaseStatus.Open, "产品质量", "已收到样品，正在送检。"),
        ("设备保修期查询", CaseType.Question, CasePriority.Low, CaseStatus.Closed, "使用咨询", "设备保修至 2027 年 6 月。"),
    ];

    public int Order => 62;

    public async Task Seed(CancellationToken ct)
    {
        if (await db.Set<ServiceCase>().AnyAsync(ct)) return;
        var agent = await users.FindByEmail("agent@keqing.local", ct);
        var manager = await users.FindByEmail("service.manager@keqing.local", ct);
        if (agent is null || manager is null) return;
        var demoCustomers = await customers.Unchecked().OrderBy(c => c.Name).Take(Cases.Length).ToListAsync(ct);
        if (demoCustomers.Count == 0) return;

        var categoryIds = new Dictionary<string, Guid>();
        if (!await db.Set<CaseCategory>().AnyAsync(ct))
            foreach (var (parent, children) in Categories)
            {
                var p = new CaseCategory { Name = parent, Order = categoryIds.Count };
                db.Add(p);
                categoryIds[parent] = p.Id;
                foreach (var (child, i) in children.Select((c, i) => (c, i)))
                {
                    var c = new CaseCategory { Name = child, ParentId = p.Id, Order = i };
                    db.Add(c);
                    categoryIds[child] = c.Id;
                }
            }

        var now = clock.GetUtcNow().UtcDateTime;
        for (var i = 0; i < Cases.Length; i++)
        {
            var (subject, type, priority, status, category, reply) = Cases[i];
            var customer = demoCustomers[i % demoCustomers.Count];
            var owner = i % 3 == 2 ? manager : agent;
            var created = now.AddDays(-(Cases.Length - i) * 2).AddHours(-i);
            var c = new ServiceCase
            {
                Number = $"CS-{created.Year}-{i + 1:D6}", Subject = subject, Description = subject + "。客户来电反映，请尽快处理。", Type = type, Priority = priority,
                CategoryId = categoryIds.TryGetValue(category, out var cat) ? cat : null, CustomerId = customer.Id, OwnerId = owner.Id, TeamId = owner.TeamId,
                Channel = i % 2 == 0 ? CaseChannel.Phone : CaseChannel.Email, Status = status, CreatedBy = owner.Id, CreatedAt = created, UpdatedAt = created,
            };
            if (reply.Length > 0)
            {
                db.Add(new CaseMessage { CaseId = c.Id, Kind = CaseMessageKind.Reply, Body = reply, AuthorId = owner.Id, At = created.AddHours(2) });
                c.FirstResponseAt = created.AddHours(2);
            }
            if (status is CaseStatus.Resolved or CaseStatus.Closed) c.ResolvedAt = created.AddDays(1);
            if (status is CaseStatus.Closed) c.ClosedAt = created.AddDays(2);
            db.Add(c);
            events.Raise(new CaseOpened(c.Id, c.CustomerId, c.Type, c.Priority, c.Channel, c.CreatedAt));
        }
        await db.SaveChangesAsync(ct);
    }
}
