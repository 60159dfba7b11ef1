using System.Net.Http.Json;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Kb.Contracts;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Opportunities;

namespace Keqing.Tests.Kb;

/// <summary>
/// The knowledge base through the API on both providers: agents draft, managers publish; drafts and archived articles
/// are 404 to readers; editing a published article makes a draft of the next version while readers keep the
/// published one; the history; rendering through the sanitiser; search in Chinese without spaces and in English with
/// title hits first; views once per person per day; "was this helpful?" changeable; categories; suggestions; 400s.
/// </summary>
public abstract class KbApiTests(ClockedKeqingApp app)
{
    private async Task<(HttpClient Admin, HttpClient Manager, HttpClient Agent, HttpClient Reader)> People()
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var manager = await app.ClientFor((await admin.CreateUser(Roles.ServiceManager, team.Id)).Email);
        var agent = await app.ClientFor((await admin.CreateUser(Roles.ServiceAgent, team.Id)).Email);
        var reader = await app.ClientFor((await admin.CreateUser(Roles.SalesRep, team.Id)).Email);
        return (admin, manager, agent, reader);
    }

    [Fact]
    public async Task An_agent_drafts_a_manager_publishes_and_readers_see_only_what_is_published()
    {
        var (admin, manager, agent, reader) = await People();
        var otherAgent = await app.ClientFor((await admin.CreateUser(Roles.ServiceAgent)).Email);
        var token = ApiHelpers.Unique("reset");

        var draft = await agent.NewArticle($"监护仪黑屏 {token}", "长按电源键 10 秒。", ["监护仪", "重启"]);
        draft.Status.Should().Be(KbStatus.Draft);
        draft.PublishedVersion.Should().BeNull();
        draft.Tags.Should().Equal("监护仪", "重启");
        await (await reader.GetAsync($"/api/kb/articles/{draft.Id}")).ShouldBe(404);
        await (await otherAgent.GetAsync($"/api/kb/articles/{draft.Id}")).ShouldBe(404);
        (await reader.Search($"q={token}")).Should().BeEmpty();
        (await agent.Search($"q={token}")).Should().ContainSingle(a => a.Id == draft.Id);
        await (await reader.PostAsJsonAsync("/api/kb/articles", new { title = "x" })).ShouldBe(403);
        await (await agent.PostAsync($"/api/kb/articles/{draft.Id}/publish", null)).ShouldBe(403);

        // The draft changes in place with If-Match: none 428, stale 412.
        var body = new { title = $"监护仪黑屏怎么办 {token}", body = "1. 长按电源键 **10 秒**。", tags = new[] { "监护仪" } };
        await (await agent.PutWithVersion($"/api/kb/articles/{draft.Id}", null, body)).ShouldBe(428);
        await (await agent.PutWithVersion($"/api/kb/articles/{draft.Id}", draft.Version + 3, body)).ShouldBe(412);
        var changed = await agent.PutWithVersion($"/api/kb/articles/{draft.Id}", draft.Version, body);
        await changed.ShouldBe(200);
        var v1Draft = await changed.Read<KbArticleDto>();
        v1Draft.Html.Should().Contain("<strong>10 秒</strong>");
        v1Draft.Version.Should().BeGreaterThan(draft.Version);

        var published = await manager.Publish(draft.Id);
        (published.Status, published.PublishedVersion, published.Title).Should().Be((KbStatus.Published, (int?)1, $"监护仪黑屏怎么办 {token}"));
        await (await manager.PostAsync($"/api/kb/articles/{draft.Id}/publish", null)).ShouldBe(409);
        (await (await reader.GetAsync($"/api/kb/articles/{draft.Id}")).Read<KbArticleDto>()).Title.Should().Be($"监护仪黑屏怎么办 {token}");

        // Another agent corrects the published article: a draft of version 2; readers keep version 1.
        var v2 = await otherAgent.PutWithVersion($"/api/kb/articles/{draft.Id}", published.Version,
            new { title = $"监护仪黑屏或死机 {token}", body = "先拔电源，再长按电源键。", tags = new[] { "监护仪", "死机" } });
        await v2.ShouldBe(200);
        var withDraft = await v2.Read<KbArticleDto>();
        withDraft.Title.Should().Be($"监护仪黑屏怎么办 {token}");
        withDraft.Draft!.Number.Should().Be(2);
        withDraft.Draft.Title.Should().Be($"监护仪黑屏或死机 {token}");
        var asReader = await (await reader.GetAsync($"/api/kb/articles/{draft.Id}")).Read<KbArticleDto>();
        asReader.Title.Should().Be($"监护仪黑屏怎么办 {token}");
        asReader.Draft.Should().BeNull();
        (await (await reader.GetAsync($"/api/kb/articles/{draft.Id}/versions")).Read<List<KbVersionSummary>>()).Select(v => v.Number).Should().Equal(1);
        (await (await manager.GetAsync($"/api/kb/articles/{draft.Id}/versions")).Read<List<KbVersionSummary>>()).Select(v => (v.Number, v.PublishedAt is null))
            .Should().Equal((2, true), (1, false));
        await (await reader.GetAsync($"/api/kb/articles/{draft.Id}/versions/2")).ShouldBe(404);

        var second = await manager.Publish(draft.Id);
        (second.PublishedVersion, second.Title).Should().Be(((int?)2, $"监护仪黑屏或死机 {token}"));
        second.Draft.Should().BeNull();
        second.Tags.Should().Equal("监护仪", "死机");
        var first = await (await reader.GetAsync($"/api/kb/articles/{draft.Id}/versions/1")).Read<KbVersionDto>();
        first.Title.Should().Be($"监护仪黑屏怎么办 {token}");
        first.Html.Should().Contain("<li>长按电源键 <strong>10 秒</strong>。</li>");
        await (await reader.GetAsync($"/api/kb/articles/{draft.Id}/versions/9")).ShouldBe(404);

        // Published articles are archived, not deleted; archived ones are 404 to readers and come back when published.
        await (await manager.DeleteAsync($"/api/kb/articles/{draft.Id}")).ShouldBe(409);
        await (await agent.PostAsync($"/api/kb/articles/{draft.Id}/archive", null)).ShouldBe(403);
        (await (await manager.PostAsync($"/api/kb/articles/{draft.Id}/archive", null)).Read<KbArticleDto>()).Status.Should().Be(KbStatus.Archived);
        await (await reader.GetAsync($"/api/kb/articles/{draft.Id}")).ShouldBe(404);
        (await reader.Search($"q={token}")).Should().BeEmpty();
        (await manager.Publish(draft.Id)).PublishedVersion.Should().Be(2);
        (await reader.Search($"q={token}")).Should().ContainSingle();

        var scrap = await agent.NewArticle($"草稿 {token}");
        await (await agent.DeleteAsync($"/api/kb/articles/{scrap.Id}")).ShouldBe(403);
        await (await manager.DeleteAsync($"/api/kb/articles/{scrap.Id}")).ShouldBe(204);
        await (await manager.GetAsync($"/api/kb/articles/{scrap.Id}")).ShouldBe(404);
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_every_field()
    {
        var (_, manager, _, reader) = await People();
        var bad = await manager.PostAsJsonAsync("/api/kb/articles", new
        {
            title = new string('标', 201), body = "x", categoryId = Guid.NewGuid(), tags = Enumerable.Range(0, 21).Select(i => $"t{i}").Append("a|b").ToArray(),
        }, ApiHelpers.Json);
        await bad.ShouldBe(400);
        var problem = await bad.Content.ReadAsStringAsync();
        problem.Should().Contain("\"title\"").And.Contain("\"categoryId\"").And.Contain("\"tags\"");
        await (await manager.PostAsJsonAsync("/api/kb/articles", new { title = "  " })).ShouldBe(400);
        await (await manager.PostAsJsonAsync("/api/kb/articles", new { title = "好", audience = "everyone" })).ShouldBe(400);

        var article = await manager.Published("帮助");
        var noAnswer = await reader.PostAsJsonAsync($"/api/kb/articles/{article.Id}/helpful", new { });
        await noAnswer.ShouldBe(400);
        (await noAnswer.Content.ReadAsStringAsync()).Should().Contain("\"helpful\"");
        await (await reader.GetAsync($"/api/kb/articles?q={new string('长', 101)}")).ShouldBe(400);
        await (await reader.GetAsync("/api/kb/articles?status=lost")).ShouldBe(400);
        await (await reader.GetAsync("/api/kb/articles?after=not-a-cursor")).ShouldBe(400);
        await (await reader.PostAsJsonAsync($"/api/kb/articles/{Guid.NewGuid()}/helpful", new { helpful = true })).ShouldBe(404);
    }

    [Fact]
    public async Task Hostile_markdown_is_sanitised_on_the_way_out()
    {
        var (_, manager, _, reader) = await People();
        var article = await manager.Published("恶意内容", """
            <script>alert(1)</script>
            <img src=x onerror=alert(1)>
            [点我](javascript:alert(1)) ![图](https://example.com/a.png) [官网](https://example.com)
            """);
        var html = (await (await reader.GetAsync($"/api/kb/articles/{article.Id}")).Read<KbArticleDto>()).Html;
        html.Should().NotContain("<script").And.NotContain("href=\"javascript").And.NotContain("<img src=\"x\"");
        html.Should().Contain("&lt;script&gt;").And.Contain("<img src=\"https://example.com/a.png\"").And.Contain("rel=\"noopener nofollow\"");
    }

    [Fact]
    public async Task Chinese_without_spaces_and_english_are_found_title_hits_first()
    {
        var (_, manager, agent, reader) = await People();
        var han = KbApi.RareHan();
        var inTitle = await manager.Published($"如何{han}重置设备");
        var inTags = await manager.Published("标签命中", tags: [$"{han}问题"]);
        var inBody = await manager.Published("正文命中", $"操作前请先{han}确认型号。");
        var draft = await agent.NewArticle($"草稿也有{han}");

        (await reader.Search($"q={han}")).Select(a => a.Id).Should().Equal(inTitle.Id, inTags.Id, inBody.Id);
        (await reader.Search($"q={han[..2]}")).Select(a => a.Id).Should().Equal(inTitle.Id, inTags.Id);
        (await reader.Search($"q={han[1..]}重置")).Select(a => a.Id).Should().Equal(inTitle.Id);
        (await agent.Search($"q={han}")).Select(a => a.Id).Should().Contain(draft.Id);
        (await reader.Search($"q={han}&status=draft")).Should().BeEmpty();

        var word = ApiHelpers.Unique("Firmware");
        var english = await manager.Published($"Update the {word} of PM-12", "Hold **Menu** and plug in the USB stick.", ["monitor"]);
        (await reader.Search($"q={word.ToUpperInvariant()}")).Select(a => a.Id).Should().Equal(english.Id);
        (await reader.Search($"q={Uri.EscapeDataString($"{word} of pm")}")).Select(a => a.Id).Should().Equal(english.Id);
        (await reader.Search($"q={word}%25")).Should().BeEmpty();

        // Keyset paging walks every match once, in rank order.
        var seen = new List<Guid>();
        string? after = null;
        do
        {
            var page = await (await reader.GetAsync($"/api/kb/articles?q={han}&limit=1" + (after is null ? "" : $"&after={after}")))
                .Read<Keqing.Infrastructure.Http.Page<KbArticleSummary>>();
            seen.AddRange(page.Items.Select(a => a.Id));
            after = page.Next;
        } while (after is not null);
        seen.Should().Equal(inTitle.Id, inTags.Id, inBody.Id);

        // A tag and a category (with its subcategories) narrow the list.
        (await reader.Search($"tag={Uri.EscapeDataString($"{han}问题")}")).Select(a => a.Id).Should().Equal(inTags.Id);
    }

    [Fact]
    public async Task Pages_that_span_title_tag_and_body_hits_list_every_match_once_in_rank_order()
    {
        var (_, manager, _, reader) = await People();
        var han = KbApi.RareHan();
        var inTitles = new List<Guid>();
        for (var i = 0; i < 3; i++) inTitles.Add((await manager.Published($"{han}故障{i}")).Id);
        var inTags = (await manager.Published("标签命中", tags: [$"{han}标签"])).Id;
        var inBodies = new List<Guid>();
        for (var i = 0; i < 2; i++) inBodies.Add((await manager.Published($"正文命中{i}", $"第{i}步：{han}之后重启。")).Id);

        var all = (await reader.Search($"q={han}")).Select(a => a.Id).ToList();
        all.Should().HaveCount(6);
        all.Take(3).Should().BeEquivalentTo(inTitles);
        all[3].Should().Be(inTags);
        all.Skip(4).Should().BeEquivalentTo(inBodies);

        // Pages of two: the second holds the last title hit and the tag hit, the third both body hits.
        var pages = new List<List<Guid>>();
        string? after = null;
        do
        {
            var page = await (await reader.GetAsync($"/api/kb/articles?q={han}&limit=2" + (after is null ? "" : $"&after={after}")))
                .Read<Keqing.Infrastructure.Http.Page<KbArticleSummary>>();
            pages.Add(page.Items.Select(a => a.Id).ToList());
            after = page.Next;
        } while (after is not null);
        pages.SelectMany(p => p).Should().Equal(all);
        pages.Select(p => p.Count).Should().Equal(2, 2, 2);

        // Two characters search titles and tags only, in the same order.
        (await reader.Search($"q={han[..2]}")).Select(a => a.Id).Should().Equal(all.Take(4));
    }

    [Fact]
    public async Task Views_count_once_per_person_per_day_and_helpful_answers_can_change()
    {
        var (_, manager, agent, reader) = await People();
        var article = await manager.Published($"发票抬头写错 {ApiHelpers.Unique("inv")}");
        await (await reader.GetAsync($"/api/kb/articles/{article.Id}")).ShouldBe(200);
        await (await reader.GetAsync($"/api/kb/articles/{article.Id}")).ShouldBe(200);
        await (await agent.GetAsync($"/api/kb/articles/{article.Id}")).ShouldBe(200);
        app.Clock.Advance(TimeSpan.FromHours(6)); // 16:00 in Shanghai: still the same day
        (await (await reader.GetAsync($"/api/kb/articles/{article.Id}")).Read<KbArticleDto>()).Views.Should().Be(2);

        var yes = await (await reader.PostAsJsonAsync($"/api/kb/articles/{article.Id}/helpful", new { helpful = true })).Read<KbHelpfulDto>();
        (yes.HelpfulYes, yes.HelpfulNo, yes.MyHelpful).Should().Be((1, 0, true));
        var changed = await (await reader.PostAsJsonAsync($"/api/kb/articles/{article.Id}/helpful", new { helpful = false })).Read<KbHelpfulDto>();
        (changed.HelpfulYes, changed.HelpfulNo).Should().Be((0, 1));
        await (await agent.PostAsJsonAsync($"/api/kb/articles/{article.Id}/helpful", new { helpful = true })).ShouldBe(200);
        var mine = await (await reader.GetAsync($"/api/kb/articles/{article.Id}")).Read<KbArticleDto>();
        (mine.HelpfulYes, mine.HelpfulNo, mine.MyHelpful).Should().Be((1, 1, (bool?)false));
        (await reader.Search($"q={Uri.EscapeDataString(article.Title)}")).Should().ContainSingle()
            .Which.Should().Match<KbArticleSummary>(a => a.Views == 2 && a.HelpfulYes == 1 && a.HelpfulNo == 1);
        // Counting neither changes the ETag nor needs one.
        mine.Version.Should().Be(article.Version);

        app.Clock.Advance(TimeSpan.FromHours(10)); // the next morning in Shanghai; the earlier sign-ins have expired
        var again = await app.AdminClient();
        var nextDay = await app.ClientFor((await again.CreateUser(Roles.Marketer)).Email);
        await (await nextDay.GetAsync($"/api/kb/articles/{article.Id}")).ShouldBe(200);
        await (await again.GetAsync($"/api/kb/articles/{article.Id}")).ShouldBe(200);
        await (await again.GetAsync($"/api/kb/articles/{article.Id}")).ShouldBe(200);
        (await (await again.GetAsync($"/api/kb/articles/{article.Id}")).Read<KbArticleDto>()).Views.Should().Be(4);

        // A draft cannot be rated.
        var draft = await again.NewArticle("未发布");
        await (await again.PostAsJsonAsync($"/api/kb/articles/{draft.Id}/helpful", new { helpful = true })).ShouldBe(409);
    }

    [Fact]
    public async Task Categories_form_a_tree_that_an_admin_edits_and_the_list_filters_by()
    {
        var (admin, manager, _, reader) = await People();
        var top = await (await admin.PostAsJsonAsync("/api/kb/categories", new { name = ApiHelpers.Unique("设备使用") })).Read<KbCategoryDto>();
        var child = await (await admin.PostAsJsonAsync("/api/kb/categories", new { name = "监护仪", parentId = top.Id })).Read<KbCategoryDto>();
        await (await manager.PostAsJsonAsync("/api/kb/categories", new { name = "x" })).ShouldBe(403);
        await (await admin.PostAsJsonAsync("/api/kb/categories", new { name = "", parentId = Guid.NewGuid() })).ShouldBe(400);
        var cycle = await admin.PutAsJsonAsync($"/api/kb/categories/{top.Id}", new { name = top.Name, parentId = child.Id });
        await cycle.ShouldBe(400);
        (await cycle.Content.ReadAsStringAsync()).Should().Contain("parentId");

        var inChild = await manager.Published("子类目文章", categoryId: child.Id);
        var inTop = await manager.Published("顶层文章", categoryId: top.Id);
        (await reader.Search($"categoryId={top.Id}")).Select(a => a.Id).Should().BeEquivalentTo([inChild.Id, inTop.Id]);
        (await reader.Search($"categoryId={child.Id}")).Select(a => a.Id).Should().Equal(inChild.Id);
        (await (await reader.GetAsync($"/api/kb/articles/{inChild.Id}")).Read<KbArticleDto>()).Category.Should().Be("监护仪");
        (await (await reader.GetAsync("/api/kb/categories")).Read<List<KbCategoryDto>>()).Should().Contain(c => c.Id == top.Id && c.Children == 1 && c.Articles == 1);

        await (await admin.DeleteAsync($"/api/kb/categories/{top.Id}")).ShouldBe(400);
        await (await admin.DeleteAsync($"/api/kb/categories/{child.Id}")).ShouldBe(400);
        var empty = await (await admin.PostAsJsonAsync("/api/kb/categories", new { name = "空类目" })).Read<KbCategoryDto>();
        await (await admin.DeleteAsync($"/api/kb/categories/{empty.Id}")).ShouldBe(204);
    }

    [Fact]
    public async Task Suggestions_find_published_articles_for_what_an_agent_types()
    {
        var (_, manager, agent, _) = await People();
        var han = KbApi.RareHan();
        var invoice = await manager.Published($"如何申请{han}增值税专用发票", tags: ["发票", "开票"]);
        var wrongTitle = await manager.Published($"{han}发票抬头写错了怎么办", tags: ["发票", "红冲"]);
        await agent.NewArticle($"{han}发票草稿");

        var text = Uri.EscapeDataString($"客户来电：{han}的发票抬头写错了，要求重开");
        var suggestions = await (await agent.GetAsync($"/api/kb/suggestions?text={text}&limit=5")).Read<List<KbSuggestion>>();
        suggestions.Select(s => s.Id).Should().StartWith([wrongTitle.Id]).And.Contain(invoice.Id);
        suggestions.Should().NotContain(s => s.Title.Contains("草稿"));
        suggestions[0].Url.Should().Be($"/kb/{wrongTitle.Id}");
        (await (await agent.GetAsync("/api/kb/suggestions?text=")).Read<List<KbSuggestion>>()).Should().BeEmpty();
    }
}

public sealed class KbApiTestsOnSqlite(SqliteClockedApp app) : KbApiTests(app), IClassFixture<SqliteClockedApp>;
public sealed class KbApiTestsOnPostgres(PostgresClockedApp app) : KbApiTests(app), IClassFixture<PostgresClockedApp>;
