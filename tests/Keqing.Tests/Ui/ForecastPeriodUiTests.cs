using System.Globalization;
using Bunit;
using Keqing.Modules.Opportunities.Pages;
using Keqing.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Ui;

/// <summary>The forecast page opens on the quarter the user is in, in their time zone (the company's: Asia/Shanghai).</summary>
public sealed class ForecastPeriodUiTests : AdminUiContext, IClassFixture<SqliteClockedApp>
{
    private readonly SqliteClockedApp app;

    public ForecastPeriodUiTests(SqliteClockedApp app) : base(app)
    {
        this.app = app;
        Services.AddSingleton<TimeProvider>(app.Clock); // bUnit brings a clock of its own
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
    }

    [Fact]
    public void On_new_years_morning_in_Beijing_the_page_opens_on_the_new_quarter_though_UTC_is_still_in_the_old_year()
    {
        // 2027-01-01 01:00 in Beijing is 2026-12-31 17:00 UTC.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 31, 17, 0, 0, TimeSpan.Zero));

        var page = Render<ForecastPage>();

        page.WaitForAssertion(() => page.Find(".forecast-period input").GetAttribute("value").Should().Be("2027Q1"));
    }
}
