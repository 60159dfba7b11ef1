using System.Net.Http.Json;
using System.Text;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Imports.Contracts;
using Keqing.Modules.Pools.Contracts;
using Keqing.Tests.Fixtures;

namespace Keqing.Tests.Imports;

/// <summary>
/// The preview of a customer import says, before the import starts, how many rows would pass an owner's customer limit
/// (客户上限), naming the owner and the limit (their own or their team's) in the importer's language, on both providers:
/// rows matching existing customers or repeating an earlier row need no room; the import then rejects exactly those rows.
/// </summary>
public abstract class ImportPreviewLimitTests(KeqingApp app)
{
    private static byte[] Csv(string text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];

    private async Task<HttpClient> Chinese(UserDto user)
    {
        var client = await app.ClientFor(user.Email);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        return client;
    }

    private static async Task<(Guid Id, ImportPreview Preview)> Preview(HttpClient client, string csv)
    {
        var upload = await ImportApiTests.Upload(client, Csv(csv), dryRun: true);
        await upload.ShouldBe(202);
        var id = (await upload.Read<ImportCreated>()).Id;
        var response = await client.GetAsync($"/api/imports/{id}/preview");
        await response.ShouldBe(200);
        return (id, await response.Read<ImportPreview>());
    }

    [Fact]
    public async Task The_preview_counts_the_new_customers_past_the_importers_own_limit_and_the_import_rejects_just_those()
    {
        var admin = await app.AdminClient();
        var importer = await admin.CreateUser(Roles.SalesManager, (await admin.CreateTeam()).Id);
        await (await admin.PostAsJsonAsync("/api/customer-limits", new CustomerLimitInput(importer.Id, null, 3, null), ApiHelpers.Json)).ShouldBe(201);
        var client = await Chinese(importer);
        var p = ApiHelpers.Unique("预览限额");
        await (await client.PostAsJsonAsync("/api/customers", new { kind = "organization", name = $"{p}老客户", city = "杭州" }, ApiHelpers.Json)).ShouldBe(201);

        // Five new customers, one row repeating the first, one row matching the customer they own: room for two.
        var csv = "公司名称,城市\r\n" + string.Join("", Enumerable.Range(1, 5).Select(i => $"{p}公司{i},杭州\r\n"))
                  + $"{p}公司1,杭州\r\n{p}老客户,杭州\r\n";
        var (id, preview) = await Preview(client, csv);

        (preview.DuplicatesWithinFile, preview.DuplicatesOfExisting).Should().Be((1, 1));
        var warning = preview.LimitWarnings.Should().ContainSingle().Subject;
        (warning.OwnerId, warning.OwnerName, warning.Rows, warning.Max, warning.Left).Should().Be((importer.Id, importer.DisplayName, 3, 3, 2));
        warning.Message.Should().Be($"有 3 行会超出{importer.DisplayName}的客户上限（个人上限 3 个）：{importer.DisplayName}还能再拥有 2 个客户。");

        await (await client.PostAsJsonAsync($"/api/imports/{id}/start", new { }, ApiHelpers.Json)).ShouldBe(202);
        var job = await ImportApiTests.WaitDone(client, id);
        (job.Inserted, job.Failed).Should().Be((2, 3), "the import rejects the rows the preview warned about");
    }

    [Fact]
    public async Task A_teams_limit_is_named_as_the_teams_and_an_owner_with_room_gets_no_warning()
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var importer = await admin.CreateUser(Roles.SalesManager, team.Id);
        await (await admin.PostAsJsonAsync("/api/customer-limits", new CustomerLimitInput(null, team.Id, 2, null), ApiHelpers.Json)).ShouldBe(201);
        var client = await Chinese(importer);
        var p = ApiHelpers.Unique("团队限额");

        var (_, fits) = await Preview(client, $"公司名称\r\n{p}甲\r\n{p}乙\r\n");
        fits.LimitWarnings.Should().BeEmpty("two new customers fit a limit of two");

        var (_, over) = await Preview(client, "公司名称\r\n" + string.Join("", Enumerable.Range(1, 6).Select(i => $"{p}{i}\r\n")));
        var warning = over.LimitWarnings.Should().ContainSingle().Subject;
        (warning.Rows, warning.Max, warning.Left).Should().Be((4, 2, 2));
        warning.Message.Should().Contain($"团队“{team.Name}”的上限 2 个").And.StartWith("有 4 行会超出");

        var english = await app.ClientFor(importer.Email);
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var (_, inEnglish) = await Preview(english, "公司名称\r\n" + string.Join("", Enumerable.Range(1, 3).Select(i => $"{p}-en{i}\r\n")));
        inEnglish.LimitWarnings.Should().ContainSingle().Which.Message
            .Should().Be($"1 row(s) would exceed {importer.DisplayName}'s limit of 2 owned customers (the limit of the team {team.Name}): room for 2 more.");
    }
}

public sealed class ImportPreviewLimitTestsOnSqlite(SqliteApp app) : ImportPreviewLimitTests(app), IClassFixture<SqliteApp>;
public sealed class ImportPreviewLimitTestsOnPostgres(PostgresApp app) : ImportPreviewLimitTests(app), IClassFixture<PostgresApp>;
