using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Infrastructure.Jobs;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Timeline;
using MiniExcelLibs;

namespace Keqing.Tests.Customers;

/// <summary>Duplicates (on entry, scan, review queue, dismiss), merge and export through the API, on both providers.</summary>
public abstract class DuplicateApiTests(KeqingApp app)
{
    private async Task<(HttpClient Client, UserDto User)> NewRep(Guid? teamId = null)
    {
        var admin = await app.AdminClient();
        teamId ??= (await admin.CreateTeam()).Id;
        var rep = await admin.CreateUser(Roles.SalesRep, teamId);
        return (await app.ClientFor(rep.Email), rep);
    }

    /// <summary>A random word of CJK characters, so each test's names are its own in the shared database.</summary>
    private static string Word() => new(Enumerable.Range(0, 3).Select(_ => (char)Random.Shared.Next(0x4E00, 0x9FA5)).ToArray());

    private static string Mobile() => "139" + Random.Shared.Next(10_000_000, 99_999_999);

    /// <summary>Creates a customer, confirming that it is another one where it looks like a duplicate (these tests make duplicates on purpose).</summary>
    private static Task<CustomerDto> Create(HttpClient client, object body) => CustomerApiTests.Create(client, body, duplicatesConfirmed: true);

    private static async Task<List<DuplicateMatch>> DuplicatesOf(HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"/api/customers/{id}/duplicates");
        await response.ShouldBe(200);
        return await response.Read<List<DuplicateMatch>>();
    }

    private static async Task<Page<DuplicatePairDto>> Queue(HttpClient client, string query = "")
    {
        var response = await client.GetAsync($"/api/duplicates{query}");
        await response.ShouldBe(200);
        return await response.Read<Page<DuplicatePairDto>>();
    }

    private static Task<HttpResponseMessage> Merge(HttpClient client, Guid survivor, long? version, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/customers/{survivor}/merge") { Content = JsonContent.Create(body) };
        if (version is { } v) request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{v}\""));
        return client.SendAsync(request);
    }

    [Fact]
    public async Task Entering_a_customer_shows_its_likely_duplicates_with_score_and_reasons()
    {
        var (rep, _) = await NewRep();
        var w = Word();
        var phone = Mobile();
        var first = await Create(rep, new { kind = "organization", name = $"上海{w}贸易有限公司", city = "上海", phones = new[] { phone } });

        var check = await rep.PostAsJsonAsync("/api/customers/duplicates/check", new { name = $"{w}贸易(上海)有限公司" });
        await check.ShouldBe(200);
        var matches = await check.Read<List<DuplicateMatch>>();
        matches.Should().ContainSingle(m => m.Id == first.Id);
        matches[0].Reasons.Select(r => r.Code).Should().Equal("similarName");
        matches[0].Reasons[0].Text.Should().StartWith("名称相似").And.Contain("上海", "the text is in the caller's language and names the place");

        var second = await Create(rep, new { kind = "organization", name = $"{w}贸易(上海)有限公司", phones = new[] { "+86 " + phone } });
        var found = await DuplicatesOf(rep, second.Id);
        found.Should().ContainSingle();
        found[0].Id.Should().Be(first.Id);
        found[0].Reasons.Select(r => r.Code).Should().BeEquivalentTo(["samePhone", "similarName"]);
        found[0].Score.Should().BeGreaterThan(0.9);
        (await DuplicatesOf(rep, first.Id)).Should().ContainSingle(m => m.Id == second.Id);

        // The pair was queued when the second customer was saved.
        var queue = await Queue(rep, $"?customerId={second.Id}");
        queue.Items.Should().ContainSingle();
        new[] { queue.Items[0].A.Id, queue.Items[0].B.Id }.Should().BeEquivalentTo([first.Id, second.Id]);
        queue.Items[0].Score.Should().Be(found[0].Score);

        var unrelated = await Create(rep, new { kind = "organization", name = $"北京{Word()}科技有限公司", city = "北京" });
        (await DuplicatesOf(rep, unrelated.Id)).Should().BeEmpty();

        // An edit of something duplicates are not judged by queues nothing; taking over the phone queues the pair.
        async Task<CustomerDto> Edit(CustomerDto c, object body)
        {
            var request = new HttpRequestMessage(HttpMethod.Put, $"/api/customers/{c.Id}") { Content = JsonContent.Create(body) };
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{c.Version}\""));
            var response = await rep.SendAsync(request);
            await response.ShouldBe(200);
            return await response.Read<CustomerDto>();
        }
        unrelated = await Edit(unrelated, new { kind = "organization", name = unrelated.Name, city = "北京", tags = new[] { "展会" } });
        (await Queue(rep, $"?customerId={unrelated.Id}")).Items.Should().BeEmpty();
        await Edit(unrelated, new { kind = "organization", name = unrelated.Name, city = "北京", phones = new[] { phone } });
        (await Queue(rep, $"?customerId={unrelated.Id}")).Items.Should().Contain(p => p.A.Id == first.Id || p.B.Id == first.Id);
    }

    [Fact]
    public async Task The_scan_fills_the_queue_with_only_what_each_user_may_see_and_a_dismissed_pair_stays_dismissed()
    {
        var (rep1, _) = await NewRep();
        var (rep2, _) = await NewRep();
        var email = $"{Guid.NewGuid():N}@example.com";
        var a = await Create(rep1, new { kind = "organization", name = $"{Word()}公司", emails = new[] { email } });
        var b = await Create(rep2, new { kind = "organization", name = $"{Word()}公司", emails = new[] { email.ToUpperInvariant() } });
        // Neither rep may see the other's customer: nothing is revealed on entry.
        (await DuplicatesOf(rep2, b.Id)).Should().BeEmpty();
        (await Queue(rep1, $"?customerId={a.Id}")).Items.Should().BeEmpty();

        var admin = await app.AdminClient();
        var scan = await admin.PostAsync("/api/duplicates/scan", null);
        await scan.ShouldBe(200);
        var result = await scan.Read<DuplicateScanResult>();
        result.PairsCompared.Should().BeGreaterThan(0).And.BeLessThanOrEqualTo(20 * result.Customers);
        await (await rep1.PostAsync("/api/duplicates/scan", null)).ShouldBe(403);
        var status = await (await admin.GetAsync("/api/duplicates/scan")).Read<DuplicateScanStatus>();
        (status.Running, status.Customers, status.PairsCompared, status.PairsFound).Should().Be((false, result.Customers, result.PairsCompared, result.PairsFound));
        status.LastFinishedAt.Should().NotBeNull().And.BeOnOrAfter(status.LastStartedAt!.Value);
        await (await rep1.GetAsync("/api/duplicates/scan")).ShouldBe(403);

        var pair = (await Queue(admin, $"?customerId={a.Id}")).Items.Should().ContainSingle().Subject;
        pair.Reasons.Select(r => r.Code).Should().Equal("sameEmail");
        (await Queue(rep1, $"?customerId={a.Id}")).Items.Should().BeEmpty();
        (await Queue(rep2, $"?customerId={b.Id}")).Items.Should().BeEmpty();
        await (await rep1.PostAsync($"/api/duplicates/{pair.Id}/dismiss", null)).ShouldBe(404);

        await (await admin.PostAsync($"/api/duplicates/{pair.Id}/dismiss", null)).ShouldBe(204);
        (await Queue(admin, $"?customerId={a.Id}")).Items.Should().BeEmpty();
        await (await admin.PostAsync("/api/duplicates/scan", null)).ShouldBe(200);
        (await Queue(admin, $"?customerId={a.Id}")).Items.Should().BeEmpty();
        await (await admin.PostAsync($"/api/duplicates/{pair.Id}/dismiss", null)).ShouldBe(409);
    }

    [Fact]
    public async Task A_scan_another_node_holds_is_not_started_twice()
    {
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            db.Add(new JobLease
            {
                Job = Keqing.Modules.Customers.Jobs.DuplicateScanJob.JobName, Owner = "other-node", AcquiredAt = DateTime.UtcNow,
                ExpiresAt = DateTime.UtcNow.AddMinutes(5),
            });
            await db.SaveChangesAsync();
        }
        try
        {
            var admin = await app.AdminClient();
            var before = await (await admin.GetAsync("/api/duplicates/scan")).Read<DuplicateScanStatus>();
            before.Running.Should().BeTrue("another node holds the scan");
            await (await admin.PostAsync("/api/duplicates/scan", null)).ShouldBe(409);
            (await (await admin.GetAsync("/api/duplicates/scan")).Read<DuplicateScanStatus>()).Should().BeEquivalentTo(before);
        }
        finally
        {
            using var scope = app.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<JobLease>()
                .Where(l => l.Job == Keqing.Modules.Customers.Jobs.DuplicateScanJob.JobName).ExecuteDeleteAsync();
        }
    }

    [Fact]
    public async Task The_queue_pages_best_first()
    {
        var (rep, _) = await NewRep();
        var phone = Mobile();
        var w = Word();
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++)
            ids.Add((await Create(rep, new { kind = "organization", name = i % 2 == 0 ? $"{w}{i}公司" : $"{Word()}", phones = new[] { phone } })).Id);
        var seen = new List<DuplicatePairDto>();
        string? after = null;
        do
        {
            var page = await Queue(rep, $"?limit=2{(after is null ? "" : "&after=" + after)}");
            seen.AddRange(page.Items);
            after = page.Next;
        } while (after is not null);
        var mine = seen.Where(p => ids.Contains(p.A.Id)).ToList();
        mine.Should().HaveCount(6); // every pair of four customers sharing a phone
        seen.Select(p => p.Score).Should().BeInDescendingOrder();
        seen.Select(p => p.Id).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task A_merge_keeps_the_survivor_within_the_list_limits_so_it_saves_again_unchanged()
    {
        var (rep, _) = await NewRep();
        var w = Word();
        string[] Phones(int from) => [.. Enumerable.Range(from, 15).Select(i => $"1391234{i:D4}")];
        var survivor = await Create(rep, new { kind = "organization", name = $"上海{w}贸易有限公司", phones = Phones(0) });
        var other = await Create(rep, new { kind = "organization", name = $"{w}贸易(上海)有限公司", phones = Phones(100) });
        var merged = (await (await Merge(rep, survivor.Id, survivor.Version, new { otherIds = new[] { other.Id } })).Read<MergeResult>()).Survivor;
        merged.Phones.Should().HaveCount(20).And.StartWith(Phones(0), "the survivor's own come first");

        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/customers/{survivor.Id}")
        {
            Content = JsonContent.Create(new { kind = "organization", name = merged.Name, aliases = merged.Aliases, phones = merged.Phones }),
        };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{merged.Version}\""));
        await (await rep.SendAsync(request)).ShouldBe(200);
    }

    [Fact]
    public async Task A_merge_moves_everything_to_the_survivor_and_the_audit_explains_it()
    {
        var (rep, user) = await NewRep();
        var w = Word();
        var survivor = await Create(rep, new
        {
            kind = "organization", name = $"上海{w}贸易有限公司", city = "上海", phones = new[] { "021-5555 0001" }, tags = new[] { "经销商" },
        });
        var other = await Create(rep, new
        {
            kind = "organization", name = $"{w}贸易(上海)有限公司", industry = "分销", phones = new[] { "021 5555 0001", "13900000001" },
            emails = new[] { "info@example.cn" }, tags = new[] { "重点客户" },
        });
        var contact = await (await rep.PostAsJsonAsync($"/api/customers/{other.Id}/contacts", new { name = "王经理" })).Read<ContactDto>();
        var call = await rep.Log(other.Id, "电话回访");
        var promise = await rep.Promise(other.Id, "寄样品", DateTime.UtcNow.AddDays(3));
        var task = await rep.Task("报价", DateTime.UtcNow.AddDays(1), other.Id);
        await (await rep.PostAsJsonAsync($"/api/customers/{other.Id}/consents", new { purpose = "marketing", channel = "email", granted = false, source = "电话里拒绝" })).ShouldBe(201);
        survivor = await (await rep.GetAsync($"/api/customers/{survivor.Id}")).Read<CustomerDto>();

        await (await Merge(rep, survivor.Id, null, new { otherIds = new[] { other.Id } })).ShouldBe(428);
        await (await Merge(rep, survivor.Id, survivor.Version + 5, new { otherIds = new[] { other.Id } })).ShouldBe(412);
        var bad = await Merge(rep, survivor.Id, survivor.Version, new { otherIds = Array.Empty<Guid>(), fields = new { nope = other.Id, name = Guid.NewGuid() } });
        await bad.ShouldBe(400);
        var errors = (await bad.Read<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "otherIds", "fields.nope", "fields.name" }) errors.TryGetProperty(field, out _).Should().BeTrue(field);

        var grading = await Merge(rep, survivor.Id, survivor.Version, new { otherIds = new[] { other.Id }, fields = new { grade = other.Id } });
        await grading.ShouldBe(400); // a rep may not pick a grade through a merge any more than set one
        var response = await Merge(rep, survivor.Id, survivor.Version, new { otherIds = new[] { other.Id }, fields = new { name = other.Id } });
        await response.ShouldBe(200);
        var result = await response.Read<MergeResult>();
        var merged = result.Survivor;
        merged.Id.Should().Be(survivor.Id);
        merged.Name.Should().Be(other.Name);
        merged.Aliases.Should().Contain(survivor.Name);
        merged.Grade.Should().BeNull("neither had a grade: a rep cannot set one");
        merged.City.Should().Be("上海");
        merged.Industry.Should().Be("分销"); // the survivor had none: filled from the other
        merged.Phones.Should().BeEquivalentTo(["021-5555 0001", "13900000001"]);
        merged.Emails.Should().Equal("info@example.cn");
        merged.Tags.Should().BeEquivalentTo(["经销商", "重点客户"]);
        result.Moved["contacts"].Should().Be(1);
        result.Moved["interactions"].Should().Be(1);
        result.Moved["commitments"].Should().Be(1);
        result.Moved["tasks"].Should().Be(1);
        result.Moved["consents"].Should().Be(1);
        (await rep.GetStringAsync($"/api/customers/{survivor.Id}/consents")).Should().Contain("电话里拒绝", "a refusal on the duplicate now speaks for the survivor");
        response.Headers.ETag!.Tag.Should().Be($"\"{merged.Version}\"");

        var contacts = await (await rep.GetAsync($"/api/customers/{survivor.Id}/contacts")).Read<List<ContactDto>>();
        contacts.Should().ContainSingle(c => c.Id == contact.Id);
        var timeline = await rep.Timeline(survivor.Id);
        timeline.Items.Should().Contain(e => e.SourceId == call.Id);
        var commitments = await (await rep.GetAsync($"/api/commitments?customerId={survivor.Id}")).Read<Page<CommitmentDto>>();
        commitments.Items.Should().Contain(c => c.Id == promise.Id);
        var tasks = await (await rep.GetAsync($"/api/tasks?customerId={survivor.Id}")).Read<Page<TaskDto>>();
        tasks.Items.Should().Contain(t => t.Id == task.Id);

        // The merged customer is archived and points at the survivor; searching by its phone finds the survivor.
        var gone = await (await rep.GetAsync($"/api/customers/{other.Id}")).Read<CustomerDto>();
        gone.MergedIntoId.Should().Be(survivor.Id);
        gone.ArchivedAt.Should().NotBeNull();
        var search = await (await rep.GetAsync("/api/customers?q=13900000001")).Read<Page<CustomerDto>>();
        search.Items.Select(c => c.Id).Should().Equal(survivor.Id);
        (await Queue(rep, $"?customerId={survivor.Id}")).Items.Should().BeEmpty();
        await (await rep.PostAsync($"/api/customers/{other.Id}/restore", null)).ShouldBe(403);
        var admin = await app.AdminClient();
        await (await admin.PostAsync($"/api/customers/{other.Id}/restore", null)).ShouldBe(409);

        // The survivor's audit trail holds the merged customer's history and a Merged entry that explains the merge.
        var audit = await (await rep.GetAsync($"/api/audit?entity=Customer&id={survivor.Id}&limit=200")).Read<Page<AuditEntryDto>>();
        audit.Items.Should().Contain(e => e.EntityId == other.Id && e.Action == AuditAction.Created);
        var entry = audit.Items.Should().ContainSingle(e => e.Action == AuditAction.Merged).Subject;
        entry.UserId.Should().Be(user.Id);
        entry.Changes.Should().Contain(c => c.Field == "mergedFrom" && c.New!.Contains(other.Id.ToString()));
        entry.Changes.Should().Contain(c => c.Field == "field:name" && c.New!.Contains(other.Id.ToString()));
        entry.Changes.Should().Contain(c => c.Field == "moved:interactions" && c.New == "1");
        var viaCustomer = await (await rep.GetAsync($"/api/customers/{survivor.Id}/audit?limit=200")).Read<Page<AuditEntryDto>>();
        viaCustomer.Items.Select(e => e.Id).Should().BeEquivalentTo(audit.Items.Select(e => e.Id));

        await (await Merge(rep, survivor.Id, merged.Version, new { otherIds = new[] { other.Id } })).ShouldBe(409);
    }

    [Fact]
    public async Task A_merge_needs_write_access_to_every_customer()
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var (owner, _) = await NewRep(team.Id);
        var (colleague, colleagueUser) = await NewRep(team.Id);
        var (stranger, _) = await NewRep();
        var mine = await Create(colleague, new { kind = "organization", name = $"{Word()}公司" });
        var theirs = await Create(owner, new { kind = "organization", name = $"{Word()}公司" });
        var hidden = await Create(stranger, new { kind = "organization", name = $"{Word()}公司" });

        await (await Merge(colleague, mine.Id, mine.Version, new { otherIds = new[] { hidden.Id } })).ShouldBe(404);
        await (await Merge(colleague, mine.Id, mine.Version, new { otherIds = new[] { theirs.Id } })).ShouldBe(404);
        await (await owner.PostAsJsonAsync($"/api/customers/{theirs.Id}/shares", new { userId = colleagueUser.Id })).ShouldBe(201);
        await (await Merge(colleague, mine.Id, mine.Version, new { otherIds = new[] { theirs.Id } })).ShouldBe(403);
        (await (await colleague.GetAsync($"/api/customers/{theirs.Id}")).Read<CustomerDto>()).ArchivedAt.Should().BeNull();
    }

    [Fact]
    public async Task Export_writes_the_filtered_visible_list_as_csv_and_xlsx_with_formulas_neutralised()
    {
        var (rep, _) = await NewRep();
        rep.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        var (other, _) = await NewRep();
        var tag = "导出" + Word();
        await Create(rep, new { kind = "organization", name = $"{Word()}有限公司", tags = new[] { tag }, phones = new[] { "+86 138 0000 0001" }, province = "浙江", city = "杭州" });
        await Create(rep, new { kind = "person", name = "=HYPERLINK(\"http://x\",\"点我\")", tags = new[] { tag } });
        await Create(rep, new { kind = "organization", name = "@SUM(1+1), \"引号\"", tags = new[] { tag } });
        await Create(rep, new { kind = "organization", name = $"{Word()}不在标签内" });
        await Create(other, new { kind = "organization", name = $"{Word()}别人的", tags = new[] { tag } });

        var csv = await rep.GetAsync($"/api/customers/export?format=csv&tag={Uri.EscapeDataString(tag)}");
        await csv.ShouldBe(200);
        csv.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        csv.Content.Headers.ContentDisposition!.FileName.Should().Contain(".csv");
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        bytes.Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
        var rows = ParseCsv(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        rows[0].Should().Equal("Customer name", "Kind", "Grade", "Region", "Owner", "Tags", "Updated");
        rows.Should().HaveCount(4);
        var names = rows.Skip(1).Select(r => r[0]).ToList();
        names.Should().Contain("'=HYPERLINK(\"http://x\",\"点我\")");
        names.Should().Contain("'@SUM(1+1), \"引号\"");
        names.Should().NotContain(n => n.Contains("别人的") || n.Contains("不在标签内"));
        rows.Skip(1).Should().Contain(r => r[3] == "浙江 杭州" && r[5] == tag);

        var picked = ParseCsv(Encoding.UTF8.GetString((await rep.GetByteArrayAsync(
            $"/api/customers/export?format=csv&tag={Uri.EscapeDataString(tag)}&kind=organization&columns=name,phones")).AsSpan(3)));
        picked[0].Should().Equal("Customer name", "Phones");
        picked.Should().HaveCount(3);
        picked.Should().Contain(r => r[1] == "'+86 138 0000 0001");

        var xlsx = await rep.GetAsync($"/api/customers/export?format=xlsx&tag={Uri.EscapeDataString(tag)}&sort=-name");
        await xlsx.ShouldBe(200);
        using var sheet = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var table = MiniExcel.Query(sheet, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        table.Should().HaveCount(3);
        table.Select(r => r["Customer name"]?.ToString()).Should().Contain("'=HYPERLINK(\"http://x\",\"点我\")");
        // "-name" is pinyin order, descending (a neutralised cell starts with ').
        static string Key(string? cell) => Keqing.Modules.Customers.Domain.PinyinIndex.Shared.SortKey(cell!.StartsWith('\'') ? cell[1..] : cell);
        table.Select(r => Key(r["Customer name"]?.ToString())).Should().BeInDescendingOrder(StringComparer.Ordinal);

        await (await rep.GetAsync("/api/customers/export?format=pdf")).ShouldBe(400);
        var badColumn = await rep.GetAsync("/api/customers/export?columns=name,salary");
        await badColumn.ShouldBe(400);
        (await badColumn.Read<JsonElement>()).GetProperty("errors").TryGetProperty("columns", out _).Should().BeTrue();
        await (await rep.GetAsync("/api/customers/export?sort=nope")).ShouldBe(400);
    }

    /// <summary>An RFC 4180 reader, independent of the writer under test.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else cell.Append(c);
        }
        if (cell.Length > 0 || row.Count > 0) { row.Add(cell.ToString()); rows.Add([.. row]); }
        return rows;
    }
}

public sealed class DuplicateApiTestsOnSqlite(SqliteApp app) : DuplicateApiTests(app), IClassFixture<SqliteApp>;
public sealed class DuplicateApiTestsOnPostgres(PostgresApp app) : DuplicateApiTests(app), IClassFixture<PostgresApp>;
