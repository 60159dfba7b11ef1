using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Leads.Features;

/// <summary>The demo's leads: about 30 in zh-CN across the demo reps, sources and statuses, made through <see cref="CreateLead"/>.</summary>
public sealed class DemoLeads(KeqingDb db, CreateLead create, ResponseClock clock, IUserDirectory directory, TimeProvider time)
{
    public const int Count = 30;

    private static readonly (string Name, string Company, string Title, string Province, string City, string Industry)[] People =
    [
        ("王建国", "杭州明远医疗器械有限公司", "采购经理", "浙江", "杭州", "医疗器械"), ("李秀英", "苏州华信人民医院", "设备科主任", "江苏", "苏州", "医院"),
        ("张伟", "广州恒通贸易有限公司", "总经理", "广东", "广州", "分销"), ("刘洋", "成都瑞丰科技有限公司", "技术负责人", "四川", "成都", "信息技术"),
        ("陈静", "青岛金桥食品有限公司", "采购主管", "山东", "青岛", "食品饮料"), ("杨帆", "武汉宏达物流有限公司", "运营经理", "湖北", "武汉", "物流"),
        ("赵磊", "西安长城机械制造有限公司", "厂长", "陕西", "西安", "制造"), ("黄丽", "厦门东方商贸有限公司", "门店经理", "福建", "厦门", "零售"),
        ("周杰", "南京新锐教育科技有限公司", "校长助理", "江苏", "南京", "教育"), ("吴敏", "深圳博雅医疗器械有限公司", "采购经理", "广东", "深圳", "医疗器械"),
    ];
    private static readonly LeadSource[] Sources = [LeadSource.WebForm, LeadSource.TradeShow, LeadSource.Campaign, LeadSource.Referral, LeadSource.Import, LeadSource.Manual];
    private static readonly string[] SourceDetails = ["官网咨询表单", "2026 中国国际医疗器械博览会", "双十一邮件活动", "老客户介绍", "展会名单导入", "电话咨询"];
    private static readonly LeadStatus[] Statuses = [LeadStatus.New, LeadStatus.New, LeadStatus.Contacted, LeadStatus.Contacted, LeadStatus.Qualified, LeadStatus.Disqualified];

    public async Task Seed(CancellationToken ct)
    {
        if (await db.Set<Lead>().AnyAsync(ct)) return;
        var owners = (await directory.Active(ct)).Where(u => u.Email.StartsWith("rep", StringComparison.Ordinal)).OrderBy(u => u.Email).ToList();
        if (owners.Count == 0) return;
        var now = time.GetUtcNow().UtcDateTime;
        for (var i = 0; i < Count; i++)
        {
            var p = People[i % People.Length];
            var suffix = i < People.Length ? "" : $"（{i / People.Length + 1}）";
            var owner = owners[i % owners.Count];
            var input = new LeadInput(p.Name + suffix, p.Company, p.Title, [$"139{10000000 + i * 7919:D8}"], [$"lead{i + 1}@example.cn"],
                p.Province, p.City, p.Industry, (CompanySize)(1 + i % 5), null, Sources[i % Sources.Length], SourceDetails[i % SourceDetails.Length],
                i % 4 == 3 ? LegalBasis.None : LegalBasis.Consent, i % 3 == 0 ? "对新一代设备感兴趣，希望下周安排演示。" : null, owner.Id);
            var lead = await create.Add(input, owner.Id, owner.Id, ct);
            // Spread over the last three weeks, the newest ones still waiting for an answer.
            var created = now.AddHours(-(i * 17 % 500) - 1);
            lead.CreatedAt = lead.UpdatedAt = created;
            await clock.Start(lead, created, ct);
            var status = Statuses[i % Statuses.Length];
            if (status != LeadStatus.New)
            {
                var answered = created.AddHours(2);
                ResponseClock.Stop(lead, answered);
                db.Add(new LeadActivity { LeadId = lead.Id, Kind = LeadActivityKind.Call, OccurredAt = answered, UserId = owner.Id, Text = "电话沟通需求，已发送产品资料。" });
            }
            lead.Status = status;
            if (status == LeadStatus.Disqualified) lead.DisqualifyReason = DisqualifyReasons.Defaults[i % DisqualifyReasons.Defaults.Count];
        }
        await db.SaveChangesAsync(ct);
    }
}
