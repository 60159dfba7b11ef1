using System.Net.Http.Json;
using Bunit;
using Keqing.Modules.Service.Contracts;
using Keqing.Modules.Service.Pages;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Ui;

namespace Keqing.Tests.Service;

/// <summary>The case category tree editor (工单分类): sub-categories indented under their parent, add, archive, refusal kept visible.</summary>
public sealed class CaseCategoriesPageTests(SqliteApp app) : AdminUiContext(app), IClassFixture<SqliteApp>
{
    private readonly KeqingApp host = app;

    private static async Task<CaseCategoryDto> NewCategory(HttpClient admin, string name, Guid? parentId = null)
    {
        var response = await admin.PostAsJsonAsync("/api/case-categories", new { name, parentId }, ApiHelpers.Json);
        await response.ShouldBe(201);
        return await response.Read<CaseCategoryDto>();
    }

    [Fact]
    public async Task An_admin_sees_the_tree_indented_adds_a_category_and_archives_a_leaf_but_not_a_parent()
    {
        var admin = await host.AdminClient();
        var parent = await NewCategory(admin, ApiHelpers.Unique("维修"));
        var child = await NewCategory(admin, ApiHelpers.Unique("超声设备"), parent.Id);

        var page = Render<CaseCategoriesAdmin>();
        page.WaitForAssertion(() => page.Find(".case-categories").TextContent.Should().Contain(parent.Name).And.Contain(child.Name), TimeSpan.FromSeconds(30));
        string IndentOf(string name) => page.FindAll(".case-categories tr").Single(r => r.TextContent.Contains(name)).QuerySelector("td")!.GetAttribute("style")!;
        IndentOf(parent.Name).Should().Be("padding-left: 8px");
        IndentOf(child.Name).Should().Be("padding-left: 32px");

        var added = ApiHelpers.Unique("投诉");
        page.Find(".category-name input").Change(added);
        page.Find(".category-save").Click();
        page.WaitForAssertion(() => page.Find(".case-categories").TextContent.Should().Contain(added), TimeSpan.FromSeconds(30));
        (await (await admin.GetAsync("/api/case-categories")).Read<List<CaseCategoryDto>>()).Should().Contain(c => c.Name == added && c.ParentId == null);

        // The parent still has a live sub-category: archiving it is refused and it stays; the leaf goes.
        page.FindAll(".case-categories tr").Single(r => r.TextContent.Contains(parent.Name)).QuerySelector(".category-archive")!.Click();
        page.WaitForAssertion(() => page.Find(".case-categories").TextContent.Should().Contain(parent.Name), TimeSpan.FromSeconds(30));
        page.FindAll(".case-categories tr").Single(r => r.TextContent.Contains(child.Name)).QuerySelector(".category-archive")!.Click();
        page.WaitForAssertion(() => page.Find(".case-categories").TextContent.Should().NotContain(child.Name), TimeSpan.FromSeconds(30));
        (await (await admin.GetAsync("/api/case-categories")).Read<List<CaseCategoryDto>>()).Select(c => c.Id).Should().Contain(parent.Id).And.NotContain(child.Id);
    }
}
