using System.Globalization;
using Bunit;
using Keqing.Modules.FieldWork.Contracts;
using Keqing.Modules.FieldWork.Pages;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Opportunities;
using Keqing.Tests.Timeline;
using Keqing.Tests.Ui;

namespace Keqing.Tests.FieldWork;

/// <summary>
/// The manager's day of visits in zh-CN (SQLite test host, as the first admin): the list always; the map only once an
/// admin set a tile address — before that the page says so and does not even load the map's script, so no map service
/// is called; after it the script draws the day's visits with the admin's attribution.
/// </summary>
public sealed class TeamDayPageTests : AdminUiContext, IClassFixture<SqliteApp>
{
    private const string Script = "./Modules/FieldWork/Pages/TeamDayPage.razor.js";
    private readonly SqliteApp app;
    private readonly CultureInfo culture = CultureInfo.CurrentUICulture;

    public TeamDayPageTests(SqliteApp app) : base(app)
    {
        this.app = app;
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
    }

    [Fact]
    public async Task The_day_is_listed_and_the_map_appears_only_once_an_admin_sets_a_tile_address()
    {
        var admin = await app.AdminClient();
        var customer = await admin.NewCustomer(ApiHelpers.Unique("外勤客户"));
        var visit = await admin.CheckIn(customer.Id);
        await admin.CheckOut(visit.Id);
        var map = JSInterop.SetupModule(Script);
        map.SetupVoid("show", _ => true);

        var page = Render<TeamDayPage>();
        page.WaitForAssertion(() => page.Find(".field-visits").TextContent.Should().Contain(customer.Name), TimeSpan.FromSeconds(10));
        page.Find(".field-no-map").TextContent.Should().Contain("未设置时，Keqing 不会调用任何地图服务");
        page.FindAll(".field-map").Should().BeEmpty();
        JSInterop.Invocations.Should().NotContain(i => i.Identifier == "import", "without tiles the map's script is not even loaded");

        var settings = await (await admin.GetAsync("/api/field/settings")).Read<FieldSettingsDto>();
        var saved = await admin.PutWithVersion("/api/field/settings", settings.Version,
            new { tileUrl = "https://tiles.example.com/{z}/{x}/{y}.png", tileAttribution = "© 地图供应商" });
        await saved.ShouldBe(200);
        try
        {
            var withMap = Render<TeamDayPage>();
            withMap.WaitForElement(".field-map");
            withMap.FindAll(".field-no-map").Should().BeEmpty();
            withMap.WaitForAssertion(() => map.Invocations.Should().Contain(i => i.Identifier == "show"), TimeSpan.FromSeconds(10));
            map.Invocations.First(i => i.Identifier == "show").Arguments[1].Should().Be("© 地图供应商");
        }
        finally
        {
            var now = await saved.Read<FieldSettingsDto>();
            await (await admin.PutWithVersion("/api/field/settings", now.Version, new { tileUrl = (string?)null })).ShouldBe(200);
        }
    }

    protected override void Dispose(bool disposing)
    {
        CultureInfo.CurrentUICulture = culture;
        base.Dispose(disposing);
    }
}
