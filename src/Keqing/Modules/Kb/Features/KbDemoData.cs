using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Web;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Kb.Contracts;
using Keqing.Modules.Kb.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Kb.Features;

/// <summary>
/// A dozen published articles for <c>--seed-demo</c> about the demo products and the questions service hears most
/// (seed 004: half the calls are users' own mistakes): resetting devices, invoices, returns, reagents, probes.
/// Written by the demo service manager; nothing when articles exist already.
/// </summary>
public sealed class KbDemoData(KeqingDb db, IUserDirectory users, TimeProvider clock) : IDemoSeeder
{
    public int Order => 80;

    private static readonly (string Category, string Title, string[] Tags, string Body)[] Articles =
    [
        ("设备使用", "多参数监护仪（PM-12）死机或黑屏：如何重启与恢复出厂设置", ["监护仪", "PM-12", "重启", "恢复出厂设置"],
            "## 先试重启\n\n1. 长按电源键 **10 秒**，直到屏幕完全熄灭。\n2. 拔下电源线，等待 30 秒后重新接上。\n3. 短按电源键开机，自检约 40 秒。\n\n## 仍然黑屏\n\n- 检查电池指示灯：红灯闪烁说明电池耗尽，请接交流电充电 2 小时以上。\n- 检查亮度是否被调到最低：按「菜单 → 显示 → 亮度」。\n\n## 恢复出厂设置\n\n> 恢复出厂会清除报警限和床号设置，操作前请记录。\n\n「菜单 → 维护 → 输入密码 8888 → 恢复出厂配置」。完成后重新设置科室、床号和报警限。\n\n仍无法开机请报修，并提供机身背面的序列号。"),
        ("设备使用", "便携彩超（US-C5）探头无图像或图像有竖条纹", ["彩超", "US-C5", "探头", "图像"],
            "## 无图像\n\n1. 确认探头插头完全插到底并锁紧（旋钮转到 **LOCK**）。\n2. 在「探头」菜单中选择当前接上的探头，避免选错预设。\n3. 冻结键是否亮起？按一下 **Freeze** 解冻。\n\n## 竖条纹或暗带\n\n通常是探头晶片损坏或线缆折断，多见于跌落后。请停止使用该探头，拍下图像发给售后，并报修。\n\n## 日常保养\n\n- 用后以湿软布擦去耦合剂，不要用酒精擦拭声透镜。\n- 线缆不要打死结，挂在探头架上。"),
        ("设备使用", "自动体外除颤器（DF-A8）自检报警「电极片过期」怎么办", ["除颤器", "AED", "DF-A8", "电极片"],
            "AED 每天自检，电极片过期或电池电量低时会鸣叫并闪红灯。\n\n1. 查看电极片包装上的有效期，过期请更换（订货号见产品目录「一次性心电电极」旁的 AED 电极）。\n2. 更换后按住「i」键 3 秒，重新自检，状态灯转绿即正常。\n3. 电池一般 4 年更换一次。\n\n**切勿**在报警未消除时放回公共区域。"),
        ("设备使用", "DR 系统（DR-600）开机提示「探测器未连接」", ["DR", "DR-600", "探测器", "无线"],
            "1. 确认平板探测器电池已充电并开机（侧面指示灯绿色）。\n2. 在工作站「设置 → 探测器」中点击 **重新配对**。\n3. 如使用无线，确认工作站与探测器在同一无线网络，信号不少于两格。\n4. 仍失败时改用有线连接，并联系售后工程师远程诊断。"),
        ("检验试剂", "生化试剂（ALT、葡萄糖）开瓶后能放多久", ["试剂", "ALT", "葡萄糖", "储存"],
            "| 试剂 | 未开瓶 | 开瓶后（2–8 ℃） |\n| --- | --- | --- |\n| 丙氨酸氨基转移酶测定试剂盒 | 至有效期 | 28 天 |\n| 葡萄糖测定试剂盒 | 至有效期 | 30 天 |\n\n- 不要冷冻。\n- 开瓶日期请写在瓶身上。\n- 质控失控时先更换新开瓶的试剂再排查仪器。"),
        ("检验试剂", "肌钙蛋白 I、降钙素原检测结果偏高或偏低的常见原因", ["试剂", "肌钙蛋白", "降钙素原", "质控"],
            "在怀疑试剂质量之前，请先排除以下操作原因：\n\n1. 样本溶血、脂血或有纤维蛋白凝块。\n2. 试剂未恢复至室温（需放置 30 分钟）。\n3. 校准已过期：每批号需重新校准。\n4. 质控品复溶后超过 7 天。\n\n排除后仍异常，请提供批号、质控记录和仪器型号报给售后。"),
        ("订单与发票", "如何申请开具增值税专用发票", ["发票", "增值税", "专票", "开票"],
            "## 需要的信息\n\n- 单位名称、纳税人识别号（统一社会信用代码）\n- 地址、电话、开户行及账号\n\n## 步骤\n\n1. 订单发货后，联系您的销售代表或在客服热线提出开票申请。\n2. 财务核对信息后 **3 个工作日** 内开出，电子专票发送至您登记的邮箱。\n3. 纸质发票按需邮寄。\n\n开票信息变更请先书面通知，已开发票信息有误需办理红字发票后重开。"),
        ("订单与发票", "发票抬头或税号写错了怎么办（红字发票与重开）", ["发票", "红冲", "重开"],
            "1. 如发票尚未认证抵扣：退回发票（电子发票提供发票号），我们作废或红冲后重开。\n2. 如已认证：需贵方在电子税务局开具《红字信息表》，我们据此开红字发票后重开。\n3. 整个过程一般 5–7 个工作日。\n\n**提示**：第一次下单前在客户资料中核对开票信息，可以避免大部分重开。"),
        ("退换货", "退货与换货的条件和流程", ["退货", "换货", "售后"],
            "## 可以退换的情况\n\n- 到货 7 日内发现外包装破损、型号错误或数量不符。\n- 设备在保修期内出现无法修复的质量问题。\n\n## 不能退换的情况\n\n- 已开封的试剂和一次性耗材（质量问题除外）。\n- 冷链产品签收后出现的温度问题。\n\n## 流程\n\n1. 拍照留存（外箱、标签、批号）。\n2. 联系客服登记，获得退货单号。\n3. 按指引寄回，收到后 5 个工作日内完成换货或退款。"),
        ("退换货", "冷链试剂到货时温度记录异常如何处理", ["冷链", "试剂", "签收", "退货"],
            "1. **当场**查看温度记录仪，超出 2–8 ℃ 请拒收或在签收单上注明。\n2. 拍下温度记录和外箱照片。\n3. 24 小时内联系客服，我们安排补发。\n\n已签收且未注明异常的，事后难以认定责任。"),
        ("维保服务", "年度维保包含哪些内容，如何预约巡检", ["维保", "巡检", "保修"],
            "「设备年度维保服务」包含：\n\n- 每年两次上门巡检（性能检测、安全检测、清洁保养）\n- 故障维修人工费全免，配件八折\n- 工作日 4 小时响应\n\n预约巡检：提前 5 个工作日联系客服，说明设备型号、序列号和科室联系人。"),
        ("维保服务", "报修前请先准备这些信息", ["报修", "售后", "序列号"],
            "为了第一次就把问题解决，报修时请准备：\n\n1. 设备型号和序列号（机身背面或侧面铭牌）。\n2. 故障现象、出现时间，是否有报警代码（拍照最好）。\n3. 最近是否搬动、跌落或断电。\n4. 现场联系人和电话。\n\n很多问题按本知识库的步骤就能自行解决，例如 [监护仪重启](#) 和 [DR 探测器配对](#)。"),
    ];

    public async Task Seed(CancellationToken ct)
    {
        if (await db.Set<KbArticle>().AnyAsync(ct)) return;
        var staff = await users.ActiveInRoles([Roles.ServiceManager, Roles.Admin], ct);
        if (staff.Count == 0) return;
        var author = staff.FirstOrDefault(u => u.Email.StartsWith("service", StringComparison.Ordinal)) ?? staff[0];
        var now = clock.GetUtcNow().UtcDateTime;
        var categories = new Dictionary<string, KbCategory>();
        foreach (var (category, title, tags, body) in Articles)
        {
            if (!categories.TryGetValue(category, out var c))
            {
                categories[category] = c = new KbCategory { Name = category, Order = categories.Count };
                db.Add(c);
            }
            var article = new KbArticle
            {
                Title = title, Body = body, CategoryId = c.Id, Tags = KbRules.JoinTags(tags), Audience = KbAudience.Public, Status = KbStatus.Published,
                PublishedVersion = 1, AuthorId = author.Id, CreatedAt = now, UpdatedAt = now, UpdatedById = author.Id,
            };
            KbRules.Index(article);
            db.Add(article);
            db.Add(new KbArticleVersion
            {
                ArticleId = article.Id, Number = 1, Title = title, Body = body, CategoryId = c.Id, Tags = article.Tags, Audience = article.Audience,
                EditedById = author.Id, EditedAt = now, PublishedAt = now, PublishedById = author.Id,
            });
        }
        await db.SaveChangesAsync(ct);
    }
}
