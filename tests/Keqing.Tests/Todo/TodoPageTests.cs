using System.Globalization;
using Bunit;
using Keqing.Modules.Todo.Contracts;
using Keqing.Modules.Todo.Pages;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Timeline;
using Keqing.Tests.Ui;

namespace Keqing.Tests.Todo;

/// <summary>
/// The to-do centre's page and the home page's counts in zh-CN (SQLite test host, acting as the first admin, who holds
/// every section's capability): a card per section with its Chinese title, its count and its first items, "more" paging
/// the section on; the home card's count per section as the API counts it, each leading to its card.
/// </summary>
public sealed class TodoPageTests : AdminUiContext, IClassFixture<SqliteApp>
{
    private const string TasksSection = "timeline.tasks";
    private readonly SqliteApp app;
    private readonly CultureInfo culture = CultureInfo.CurrentUICulture;

    public TodoPageTests(SqliteApp app) : base(app)
    {
        this.app = app;
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
    }

    private static async Task<TodoCountsDto> Counts(HttpClient client)
    {
        var response = await client.GetAsync("/api/me/todo/counts");
        await response.ShouldBe(200);
        return await response.Read<TodoCountsDto>();
    }

    [Fact]
    public async Task The_page_shows_every_section_with_its_count_and_first_items_and_pages_one_section_on()
    {
        var admin = await app.AdminClient();
        var prefix = ApiHelpers.Unique("回电话");
        var now = DateTime.UtcNow;
        for (var i = 0; i < 12; i++) await admin.Task($"{prefix}-{i:D2}", now.AddHours(-1).AddMinutes(i));
        var counts = await Counts(admin);
        var tasks = counts.Sections.Single(s => s.Key == TasksSection).Count;
        tasks.Should().BeGreaterThanOrEqualTo(12);

        var page = Render<TodoPage>();
        page.WaitForAssertion(() => page.FindAll(".todo-section").Count.Should().Be(counts.Sections.Count), TimeSpan.FromSeconds(10));
        page.Find(".todo-title").TextContent.Should().Contain("待办中心");
        var section = page.Find($"[data-section='{TasksSection}']");
        section.TextContent.Should().Contain("今日到期及逾期任务");
        section.QuerySelector(".todo-count")!.TextContent.Trim().Should().Be(tasks.ToString(CultureInfo.InvariantCulture));
        section.QuerySelectorAll(".todo-item").Length.Should().Be(10, "the first ten items come with the page");
        section.TextContent.Should().Contain("已逾期");
        foreach (var other in counts.Sections)
            page.Find($"[data-section='{other.Key}'] .todo-count").TextContent.Trim().Should().Be(other.Count.ToString(CultureInfo.InvariantCulture));

        page.Find($"[data-section='{TasksSection}'] .todo-more").Click();
        page.WaitForAssertion(() => page.FindAll($"[data-section='{TasksSection}'] .todo-item").Count.Should().Be(Math.Min(tasks, 20)),
            TimeSpan.FromSeconds(10));
        var links = page.FindAll($"[data-section='{TasksSection}'] .todo-link").Select(a => a.TextContent).ToList();
        links.Should().OnlyHaveUniqueItems("the next page goes on where the first ended");
        if (tasks <= 20) links.Count(t => t.StartsWith(prefix, StringComparison.Ordinal)).Should().Be(12);
    }

    [Fact]
    public async Task The_home_card_counts_each_section_and_leads_to_its_card()
    {
        var admin = await app.AdminClient();
        await admin.Task(ApiHelpers.Unique("寄样品"), DateTime.UtcNow.AddMinutes(-5));
        var counts = await Counts(admin);

        var card = Render<TodoCountsCard>();
        card.WaitForAssertion(() => card.FindAll(".todo-section-count").Count.Should().Be(counts.Sections.Count), TimeSpan.FromSeconds(10));
        card.Markup.Should().Contain("待办中心");
        card.Find(".todo-total").TextContent.Trim().Should().Be(counts.Total.ToString(CultureInfo.InvariantCulture));
        var tasks = card.Find($".todo-section-count[data-section='{TasksSection}']");
        tasks.TextContent.Should().Contain("今日到期及逾期任务").And.Contain(counts.Sections.Single(s => s.Key == TasksSection).Count.ToString(CultureInfo.InvariantCulture));
        tasks.GetAttribute("href").Should().Be($"/todo#{TasksSection}");
    }

    protected override void Dispose(bool disposing)
    {
        CultureInfo.CurrentUICulture = culture;
        base.Dispose(disposing);
    }
}
