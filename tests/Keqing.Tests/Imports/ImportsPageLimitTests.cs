using System.Globalization;
using System.Net.Http.Json;
using System.Security.Claims;
using Bunit;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Imports.Pages;
using Keqing.Modules.Pools.Contracts;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Ui;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Keqing.Tests.Imports;

/// <summary>
/// The imports page, in zh-CN, warns in the preview (before the import starts) that rows would pass the importer's
/// customer limit, naming them and the limit (SQLite test host, acting as the first admin).
/// </summary>
public sealed class ImportsPageLimitTests : AdminUiContext, IClassFixture<SqliteApp>
{
    private readonly SqliteApp app;
    private readonly CultureInfo culture = CultureInfo.CurrentUICulture;

    public ImportsPageLimitTests(SqliteApp app) : base(app)
    {
        this.app = app;
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
    }

    [Fact]
    public async Task The_preview_says_how_many_rows_would_pass_the_importers_limit_before_the_import_starts()
    {
        var adminId = Guid.Parse(Admin.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var owned = await Service<KeqingDb>().Set<Customer>().CountAsync(c => c.OwnerId == adminId && c.ArchivedAt == null);
        var admin = await app.AdminClient();
        await (await admin.PostAsJsonAsync("/api/customer-limits", new CustomerLimitInput(adminId, null, owned + 1, null), ApiHelpers.Json)).ShouldBe(201);
        var name = (await Service<IUserDirectory>().Find(adminId, default))!.DisplayName;

        var p = "上限" + Guid.NewGuid().ToString("N")[..6];
        var page = Render<ImportsPage>();
        page.Render();
        page.Find(".import-source input").Change("展会 2026-12");
        await page.InvokeAsync(() => page.FindComponent<MudSelect<LegalBasis?>>().Instance.ValueChanged.InvokeAsync(LegalBasis.Consent));
        var csv = $"公司名称,城市\n{p}甲,杭州\n{p}乙,杭州\n{p}丙,杭州\n";
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(csv, "客户.csv"));

        page.WaitForAssertion(() => page.Find(".import-preview").TextContent.Should().Contain($"{p}甲"), TimeSpan.FromSeconds(10));
        page.Find(".import-limit-warning").TextContent.Should()
            .Contain($"有 2 行会超出{name}的客户上限（个人上限 {owned + 1} 个）：{name}还能再拥有 1 个客户。")
            .And.Contain("请先在文件中把这些行改给其他负责人");
    }

    protected override void Dispose(bool disposing)
    {
        CultureInfo.CurrentUICulture = culture;
        base.Dispose(disposing);
    }
}
