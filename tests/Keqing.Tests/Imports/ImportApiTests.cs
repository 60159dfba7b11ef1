using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Imports.Contracts;
using Keqing.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Imports;

/// <summary>Customer imports through the API on both providers: formats, mapping, preview, modes, reruns, errors, bad files.</summary>
public abstract class ImportApiTests(KeqingApp app)
{
    static ImportApiTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private async Task<HttpClient> Marketer()
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var user = await admin.CreateUser(Roles.Marketer, team.Id);
        var client = await app.ClientFor(user.Email);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        return client;
    }

    internal static async Task<HttpResponseMessage> Upload(HttpClient client, byte[] file, string fileName = "cards.csv",
        string source = "展会 2026-11，名片", string? legalBasis = "consent", string? mode = null, bool dryRun = false, string? mapping = null)
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", fileName);
        form.Add(new StringContent("customers"), "entity");
        form.Add(new StringContent(source), "source");
        if (legalBasis is not null) form.Add(new StringContent(legalBasis), "legalBasis");
        if (mode is not null) form.Add(new StringContent(mode), "mode");
        if (mapping is not null) form.Add(new StringContent(mapping), "mapping");
        form.Add(new StringContent(dryRun ? "true" : "false"), "dryRun");
        return await client.PostAsync("/api/imports", form);
    }

    internal static async Task<ImportDto> Import(HttpClient client, byte[] file, string fileName = "cards.csv", string? mode = null,
        string legalBasis = "consent", string? mapping = null)
    {
        var response = await Upload(client, file, fileName, mode: mode, legalBasis: legalBasis, mapping: mapping);
        await response.ShouldBe(202);
        return await WaitDone(client, (await response.Read<ImportCreated>()).Id);
    }

    internal static async Task<ImportDto> WaitDone(HttpClient client, Guid id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var job = await (await client.GetAsync($"/api/imports/{id}")).Read<ImportDto>();
            if (job.Status is ImportStatus.Completed or ImportStatus.Failed or ImportStatus.Cancelled) return job;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Import {id} is still {job.Status}");
            await Task.Delay(100);
        }
    }

    private static byte[] Utf8Bom(string text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];

    private async Task<List<Customer>> CustomersNamed(string prefix)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<Customer>().AsNoTracking()
            .Where(c => c.Name.StartsWith(prefix)).OrderBy(c => c.Name).ToListAsync();
    }

    private async Task<List<Contact>> ContactsOf(Guid customerId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<Contact>().AsNoTracking()
            .Where(c => c.CustomerId == customerId).ToListAsync();
    }

    private static string P() => "测试" + Guid.NewGuid().ToString("N")[..6];

    private static string Phone() => "139" + Random.Shared.Next(10_000_000, 99_999_999);

    [Fact]
    public async Task A_utf8_csv_with_chinese_headers_and_quoted_multiline_cells_lands_with_source_basis_and_contacts()
    {
        var client = await Marketer();
        var p = P();
        var (phone, mobile) = (Phone(), Phone());
        var csv = $"公司名称,联系人,手机,邮箱,公司电话,省份,城市,行业,标签,地址\r\n" +
                  $"{p}明远贸易有限公司,张伟,{mobile},zhang@{p}.cn,{phone},上海,上海,分销,\"经销商;重点客户\",\"浦东新区\n世纪大道 100 号\"\r\n" +
                  $"{p}华南电子,李娜,+86 138 0013 {Random.Shared.Next(1000, 9999)},,,广东,深圳,电子,,\r\n";
        var job = await Import(client, Utf8Bom(csv));
        job.Status.Should().Be(ImportStatus.Completed);
        (job.Total, job.Inserted, job.Failed).Should().Be((2, 2, 0));
        job.Encoding.Should().Be("utf-8");

        var customers = await CustomersNamed(p);
        customers.Should().HaveCount(2);
        var first = customers.Single(c => c.Name == $"{p}明远贸易有限公司");
        first.Address.Should().Be("浦东新区\n世纪大道 100 号");
        first.Tags.Should().Equal("经销商", "重点客户");
        first.Source.Should().Be("展会 2026-11，名片");
        first.LegalBasis.Should().Be(LegalBasis.Consent);
        first.PinyinKeys.Should().NotBeNullOrWhiteSpace();
        var contact = (await ContactsOf(first.Id)).Should().ContainSingle().Subject;
        contact.Name.Should().Be("张伟");
        contact.Phones.Should().Equal(mobile); // a business card's mobile is its person's (issue 13, item 16)
        contact.LegalBasis.Should().Be(LegalBasis.Consent);

        // Found by the normal search, by the company's phone (the lookup rows are maintained).
        var found = await (await client.GetAsync($"/api/customers?q={phone}")).Read<Page<CustomerDto>>();
        found.Items.Should().ContainSingle(c => c.Id == first.Id);
    }

    [Fact]
    public async Task GB18030_with_semicolons_and_a_tab_separated_file_are_read()
    {
        var client = await Marketer();
        var p = P();
        var gb = Encoding.GetEncoding("GB18030").GetBytes($"客户名称;电话;城市\n{p}甲公司;{Phone()};北京\n{p}乙公司;{Phone()};天津\n");
        var job = await Import(client, gb);
        (job.Status, job.Encoding, job.Delimiter, job.Inserted).Should().Be((ImportStatus.Completed, "gb18030", ";", 2));

        var tab = Encoding.UTF8.GetBytes($"name\tphone\tcity\n{p}丙公司\t{Phone()}\t成都\n");
        var tabbed = await Import(client, tab, "cards.tsv");
        (tabbed.Delimiter, tabbed.Inserted).Should().Be(("\t", 1));
        (await CustomersNamed(p)).Select(c => c.City).Should().BeEquivalentTo(["北京", "天津", "成都"]);
    }

    [Fact]
    public async Task A_mapping_sent_with_the_upload_overrides_the_automatic_one()
    {
        var client = await Marketer();
        var p = P();
        var csv = Encoding.UTF8.GetBytes($"单位,电话,备注\n{p}映射,{Phone()},生产设备\n");
        var job = await Import(client, csv, mapping: "{\"单位\":\"name\",\"电话\":null,\"备注\":\"industry\"}");
        job.Mapping.Should().Contain(new KeyValuePair<string, string?>("电话", null));
        var customer = (await CustomersNamed(p)).Single();
        (customer.Phones.Count, customer.Industry).Should().Be((0, "生产设备"));
        await (await Upload(client, csv, mapping: "{\"单位\":\"nonsense\"}")).ShouldBe(400);
        await (await Upload(client, csv, mapping: "[1,2")).ShouldBe(400);
        // A correction naming a column the file lacks (a typo) would silently drop that column's data: 400 instead.
        var typo = await Upload(client, csv, mapping: "{\"电话 \":\"phones\"}");
        await typo.ShouldBe(400);
        (await typo.Content.ReadAsStringAsync()).Should().Contain("电话 ");
        // Modes by name only: "skip,overwrite" would otherwise parse as overwrite, and "2" as fillEmpty.
        await (await Upload(client, csv, mode: "skip,overwrite")).ShouldBe(400);
        await (await Upload(client, csv, mode: "2")).ShouldBe(400);
    }

    [Fact]
    public async Task An_xlsx_is_read()
    {
        var client = await Marketer();
        var p = P();
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.xlsx");
        try
        {
            MiniExcelLibs.MiniExcel.SaveAs(path, new[]
            {
                new Dictionary<string, object> { ["公司名称"] = $"{p}表格1", ["电话"] = Phone(), ["等级"] = "A" },
                new Dictionary<string, object> { ["公司名称"] = $"{p}表格2", ["电话"] = Phone(), ["等级"] = "b" },
            });
            var job = await Import(client, await File.ReadAllBytesAsync(path), "cards.xlsx");
            (job.Status, job.Format, job.Inserted).Should().Be((ImportStatus.Completed, ImportFormat.Xlsx, 2));
            (await CustomersNamed(p)).Select(c => c.Grade).Should().Equal(CustomerGrade.A, CustomerGrade.B);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_dry_run_previews_rows_errors_and_duplicates_then_starts_with_a_corrected_mapping()
    {
        var client = await Marketer();
        var p = P();
        var existingPhone = Phone();
        await (await client.PostAsJsonAsync("/api/customers", new { kind = "organization", name = $"{p}老客户", phones = new[] { existingPhone } })).ShouldBe(201);
        var dup = Phone();
        var csv = $"单位,电话,电子邮件,备注\n{p}一号,{existingPhone},,x\n{p}二号,{dup},bad-email,y\n{p}三号,{dup},,z\n,{Phone()},,w\n";
        var upload = await Upload(client, Encoding.UTF8.GetBytes(csv), dryRun: true);
        await upload.ShouldBe(202);
        var id = (await upload.Read<ImportCreated>()).Id;
        (await (await client.GetAsync($"/api/imports/{id}")).Read<ImportDto>()).Status.Should().Be(ImportStatus.Draft);

        // "单位" is not a known header: the name is unmapped, the preview says so.
        var preview = await (await client.GetAsync($"/api/imports/{id}/preview")).Read<ImportPreview>();
        preview.Mapping["单位"].Should().BeNull();
        preview.Mapping["电话"].Should().Be("phones");
        preview.Problems.Should().NotBeEmpty();
        (await client.PostAsJsonAsync($"/api/imports/{id}/start", new { })).StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest);

        var mapped = await client.PutAsJsonAsync($"/api/imports/{id}/mapping", new Dictionary<string, string?> { ["单位"] = "name" });
        await mapped.ShouldBe(200);
        preview = await (await client.GetAsync($"/api/imports/{id}/preview")).Read<ImportPreview>();
        preview.Rows.Should().HaveCount(4);
        preview.Rows[0].Values["name"].Should().Be($"{p}一号");
        preview.Rows[1].Errors.Should().ContainSingle(e => e.Contains("bad-email"));
        preview.Rows[3].Errors.Should().ContainSingle(e => e.StartsWith("name"));
        (preview.InvalidRows, preview.DuplicatesOfExisting, preview.DuplicatesWithinFile, preview.Complete).Should().Be((2, 1, 0, true));

        await (await client.PostAsJsonAsync($"/api/imports/{id}/start", new { mode = "fillEmpty" })).ShouldBe(202);
        var job = await WaitDone(client, id);
        (job.Total, job.Inserted, job.Merged, job.Skipped, job.Failed).Should().Be((4, 1, 1, 0, 2));
        job.ErrorsUrl.Should().Be($"/api/imports/{id}/errors");
        (await CustomersNamed(p)).Select(c => c.Name).Should().BeEquivalentTo([$"{p}老客户", $"{p}三号"]);
    }

    [Fact]
    public async Task Similar_names_are_flagged_in_the_preview_and_a_finished_import_asks_for_a_duplicate_scan()
    {
        var client = await Marketer();
        var word = "明" + Guid.NewGuid().ToString("N")[..4] + "远";
        await (await client.PostAsJsonAsync("/api/customers", new { kind = "organization", name = $"上海{word}贸易有限公司", city = "上海" })).ShouldBe(201);
        var csv = $"客户名称,城市\n{word}贸易(上海)有限公司,上海\n{P()}完全不同的公司,杭州\n";
        var upload = await Upload(client, Encoding.UTF8.GetBytes(csv), dryRun: true);
        await upload.ShouldBe(202);
        var id = (await upload.Read<ImportCreated>()).Id;
        var preview = await (await client.GetAsync($"/api/imports/{id}/preview")).Read<ImportPreview>();
        (preview.DuplicatesOfExisting, preview.LikelyDuplicates).Should().Be((0, 1), "the name differs, so no exact key matches, but the scorer sees the same company");

        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<DuplicateScanState>()
                .ExecuteUpdateAsync(x => x.SetProperty(v => v.LastStartedAt, DateTime.UtcNow));
        await (await client.PostAsJsonAsync($"/api/imports/{id}/start", new { })).ShouldBe(202);
        (await WaitDone(client, id)).Inserted.Should().Be(2);
        using (var scope = app.Services.CreateScope())
            (await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<DuplicateScanState>().AsNoTracking().SingleAsync())
                .LastStartedAt.Should().BeNull("the scan is due again, so the next job run lists the new pair in the review queue");
    }

    [Fact]
    public async Task Within_file_duplicates_merge_into_the_first_row()
    {
        var client = await Marketer();
        var p = P();
        var phone = Phone();
        var csv = $"name,phone,email,industry,city\n{p}A,{phone},,,杭州\n{p}A 分部,{phone},a@{p}.cn,软件,\n{p}A,,,,杭州\n";
        var job = await Import(client, Encoding.UTF8.GetBytes(csv), mode: "fillEmpty");
        (job.Inserted, job.Merged, job.Skipped).Should().Be((1, 1, 1));
        var customer = (await CustomersNamed(p)).Should().ContainSingle().Subject;
        customer.Industry.Should().Be("软件");
        customer.Emails.Should().Equal($"a@{p}.cn");
    }

    [Fact]
    public async Task Modes_skip_fill_empty_and_overwrite_decide_what_happens_to_a_matching_customer()
    {
        var client = await Marketer();
        var p = P();
        var email = $"buyer@{p}.cn";
        var created = await (await client.PostAsJsonAsync("/api/customers",
            new { kind = "organization", name = $"{p}客户", emails = new[] { email }, industry = "制造" })).Read<CustomerDto>();
        var csv = Encoding.UTF8.GetBytes($"name,email,industry,province\n{p}客户新名,{email.ToUpperInvariant()},化工,江苏\n");

        var skip = await Import(client, csv, mode: "skip");
        (skip.Skipped, skip.Merged, skip.Inserted).Should().Be((1, 0, 0));
        (await CustomersNamed(p)).Single().Province.Should().BeNull();

        var fill = await Import(client, csv, mode: "fillEmpty");
        fill.Merged.Should().Be(1);
        var filled = (await CustomersNamed(p)).Single();
        (filled.Industry, filled.Province, filled.Name).Should().Be(("制造", "江苏", $"{p}客户"));
        filled.Version.Should().BeGreaterThan(created.Version);

        var overwrite = await Import(client, csv, mode: "overwrite");
        overwrite.Merged.Should().Be(1);
        var overwritten = (await CustomersNamed(p)).Single();
        (overwritten.Industry, overwritten.Name).Should().Be(("化工", $"{p}客户新名"));
        // The merge is audited field by field.
        var audit = JsonDocument.Parse(await client.GetStringAsync($"/api/customers/{created.Id}/audit")).RootElement;
        audit.ToString().Should().Contain("化工");
    }

    [Fact]
    public async Task Running_the_same_file_again_adds_nothing()
    {
        var client = await Marketer();
        var p = P();
        var rows = string.Concat(Enumerable.Range(1, 30).Select(i => $"{p}重复{i:D2},{Phone()},c{i}@{p}.cn\n"));
        var csv = Encoding.UTF8.GetBytes("name,phone,email\n" + rows);
        var first = await Import(client, csv);
        first.Inserted.Should().Be(30);
        var again = await Import(client, csv, mode: "fillEmpty");
        (again.Inserted, again.Skipped, again.SameFileAs).Should().Be((0, 30, first.Id));
        (await CustomersNamed(p)).Should().HaveCount(30);
    }

    [Fact]
    public async Task A_source_systems_numbers_match_rows_again_before_any_other_key_even_after_a_merge()
    {
        var client = await Marketer();
        var p = P();
        var (phone1, phone2) = (Phone(), Phone());
        var first = await Import(client, Encoding.UTF8.GetBytes($"客户编号,客户名称,电话\n{p}-1,{p}甲,{phone1}\n{p}-2,{p}乙,{phone2}\n"));
        first.Inserted.Should().Be(2);
        var byNumber = (await CustomersNamed(p)).ToDictionary(c => c.ExternalId!);
        byNumber.Keys.Should().BeEquivalentTo([$"{p}-1", $"{p}-2"]);

        // The old CRM's next export: customer 1 renamed with a new phone, still the same record by its number; a new
        // record 3 shares customer 2's switchboard number and is still another customer.
        var again = await Import(client, Encoding.UTF8.GetBytes(
            $"客户编号,客户名称,电话\n{p}-1,{p}甲改名,{Phone()}\n{p}-3,{p}丙,{phone2}\n"), mode: "overwrite");
        (again.Inserted, again.Merged).Should().Be((1, 1));
        var customers = await CustomersNamed(p);
        customers.Should().HaveCount(3);
        customers.Single(c => c.ExternalId == $"{p}-1").Should().Match<Customer>(c => c.Id == byNumber[$"{p}-1"].Id && c.Name == $"{p}甲改名");

        // Merged in Keqing, record 2 leads to its survivor: importing it again adds nobody.
        var admin = await app.AdminClient();
        var survivor = customers.Single(c => c.ExternalId == $"{p}-3");
        var merge = new HttpRequestMessage(HttpMethod.Post, $"/api/customers/{survivor.Id}/merge")
        {
            Content = JsonContent.Create(new { otherIds = new[] { byNumber[$"{p}-2"].Id } }),
        };
        merge.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{survivor.Version}\""));
        await (await admin.SendAsync(merge)).ShouldBe(200);
        var third = await Import(client, Encoding.UTF8.GetBytes($"客户编号,客户名称\n{p}-2,{p}乙\n"));
        (third.Inserted, third.Skipped).Should().Be((0, 1));
        (await CustomersNamed(p)).Where(c => c.ArchivedAt == null).Should().HaveCount(2);
        // Even in overwrite mode the merged-away record only fills gaps: it does not undo what the merge chose.
        await Import(client, Encoding.UTF8.GetBytes($"客户编号,客户名称,行业\n{p}-2,{p}乙又改名,批发\n"), mode: "overwrite");
        var kept = (await CustomersNamed(p)).Single(c => c.Id == survivor.Id);
        (kept.Name, kept.Industry, kept.ExternalId).Should().Be(($"{p}丙", "批发", $"{p}-3"));

        // The number travels with the customer through the API and the export.
        var dto = await (await admin.GetAsync($"/api/customers/{survivor.Id}")).Read<CustomerDto>();
        dto.ExternalId.Should().Be($"{p}-3");
        var export = await admin.GetStringAsync($"/api/customers/export?format=csv&q={Uri.EscapeDataString(p)}&columns=name,externalId");
        export.Should().Contain($"{p}甲改名,{p}-1");
    }

    [Fact]
    public async Task Two_source_records_sharing_a_phone_in_one_batch_stay_two_customers()
    {
        var client = await Marketer();
        var p = P();
        var (switchboard, other) = (Phone(), Phone());
        (await Import(client, Encoding.UTF8.GetBytes($"客户名称,电话\n{p}总部,{switchboard}\n{p}别家,{other}\n"))).Inserted.Should().Be(2);
        // The first two rows match the existing 总部 by its phone before the batch begins; the first one claims it. The
        // third is record A again (another of its phones), which the batch has just given to 总部, not 别家.
        var file = Encoding.UTF8.GetBytes(
            $"客户编号,客户名称,电话\n{p}-A,{p}总部,{switchboard}\n{p}-B,{p}分部,{switchboard}\n{p}-A,{p}总部,{other}\n");
        var draft = await (await Upload(client, file, dryRun: true)).Read<ImportCreated>();
        var preview = await (await client.GetAsync($"/api/imports/{draft.Id}/preview")).Read<ImportPreview>();
        preview.Mapping["客户编号"].Should().Be("externalId");
        preview.DuplicatesWithinFile.Should().Be(1, "record A twice; A and B share a phone but are two records");
        var first = await Import(client, file, mode: "overwrite");
        (first.Merged, first.Inserted).Should().Be((2, 1));
        var customers = await CustomersNamed(p);
        customers.Select(c => (c.Name, c.ExternalId)).Should().BeEquivalentTo(
            [($"{p}总部", $"{p}-A"), ($"{p}分部", $"{p}-B"), ($"{p}别家", (string?)null)]);
        customers.Single(c => c.ExternalId == $"{p}-A").Phones.Should().Contain(other);
        var again = await Import(client, file, mode: "overwrite");
        again.Inserted.Should().Be(0, "the same file again finds both by their numbers");
        (await CustomersNamed(p)).Should().HaveCount(3);
    }

    [Fact]
    public async Task A_finished_import_refreshes_the_planner_statistics_of_the_tables_it_grew()
    {
        if (app.Provider != Provider.Postgres) return; // SQLite's planner uses no sampled statistics here
        async Task<long> Analyses()
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            return await db.Database.SqlQueryRaw<long>(
                "SELECT analyze_count AS \"Value\" FROM pg_stat_user_tables WHERE relname = 'customers'").SingleAsync();
        }
        var before = await Analyses();
        var p = P();
        await Import(await Marketer(), Encoding.UTF8.GetBytes($"name,phone\n{p}统计,{Phone()}\n"));
        // The statistics collector reports with a delay: an idle connection flushes its counters within 10 s.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await Analyses() <= before && DateTime.UtcNow < deadline) await Task.Delay(100);
        (await Analyses()).Should().BeGreaterThan(before);
    }

    /// <summary>An upload whose client goes away after the first megabyte; it starts with <paramref name="marker"/>.</summary>
    private sealed class BrokenUpload(string marker) : Stream
    {
        private long position;
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (position >= 1 << 20) throw new IOException("The client went away.");
            var n = (int)Math.Min(count, (1 << 20) - position);
            for (var i = 0; i < n; i++)
                buffer[offset + i] = position + i < marker.Length ? (byte)marker[(int)(position + i)] : (byte)'a';
            position += n;
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public async Task An_upload_that_breaks_off_leaves_no_draft_and_no_temporary_file_and_stale_leftovers_are_swept()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var admin = (await services.GetRequiredService<IUserDirectory>().FindByEmail(KeqingApp.AdminEmail, default))!;
        var importer = Keqing.Modules.Imports.Features.Importer.For(admin.Id, [Roles.Admin], services.GetRequiredService<Keqing.Infrastructure.Modules.ModuleCatalog>());
        var create = services.GetRequiredService<Keqing.Modules.Imports.Features.CreateImport>();
        var housekeeping = services.GetRequiredService<Keqing.Modules.Imports.Features.ImportHousekeeping>();
        var db = services.GetRequiredService<KeqingDb>();
        var jobsBefore = await db.Set<Keqing.Modules.Imports.Domain.ImportJob>().Select(j => j.Id).ToListAsync();

        // The other provider's class runs this test at the same time: its broken upload starts with another marker.
        var marker = $"broken-{Guid.NewGuid():N}";
        var upload = () => create.Handle(importer, new BrokenUpload(marker), "broken.csv", new Keqing.Modules.Imports.Features.ImportRequest("customers", null, "skip", "展会", "consent", DryRun: false), default);
        await upload.Should().ThrowAsync<IOException>();
        (await db.Set<Keqing.Modules.Imports.Domain.ImportJob>().Where(j => !jobsBefore.Contains(j.Id)).CountAsync())
            .Should().Be(0, "the half-stored upload is deleted, chunks and all");
        Directory.GetFiles(Path.GetTempPath(), "keqing-import-*.tmp")
            .Where(f => { try { return File.ReadAllText(f).StartsWith(marker, StringComparison.Ordinal); } catch (IOException) { return false; } })
            .Should().BeEmpty("the copy of the broken upload is deleted");

        // A draft older than the retention goes; a fresh one stays. A temporary copy a killed process left goes after a day.
        var client = await Marketer();
        var stale = await (await Upload(client, Encoding.UTF8.GetBytes("name\n旧草稿\n"), dryRun: true)).Read<ImportCreated>();
        var fresh = await (await Upload(client, Encoding.UTF8.GetBytes("name\n新草稿\n"), dryRun: true)).Read<ImportCreated>();
        await db.Set<Keqing.Modules.Imports.Domain.ImportJob>().Where(j => j.Id == stale.Id)
            .ExecuteUpdateAsync(x => x.SetProperty(j => j.CreatedAt, DateTime.UtcNow.AddDays(-8)));
        (await housekeeping.Run(default)).Drafts.Should().BeGreaterThanOrEqualTo(1);
        var left = await db.Set<Keqing.Modules.Imports.Domain.ImportJob>().Where(j => j.Id == stale.Id || j.Id == fresh.Id).Select(j => j.Id).ToListAsync();
        left.Should().Equal(fresh.Id);
        (await db.Set<Keqing.Modules.Imports.Domain.ImportChunk>().AnyAsync(c => c.ImportId == stale.Id)).Should().BeFalse();

        // An ended import keeps no copy of the file; the cells of its rejected rows go after the retention, their errors stay.
        var done = await Import(client, Encoding.UTF8.GetBytes($"name,phone\n{P()}好行,{Phone()}\n,13912345678\n"));
        (done.Inserted, done.Failed).Should().Be((1, 1));
        (await db.Set<Keqing.Modules.Imports.Domain.ImportChunk>().AnyAsync(c => c.ImportId == done.Id)).Should().BeFalse();
        (await client.GetStringAsync(done.ErrorsUrl!)).Should().Contain("13912345678");
        await db.Set<Keqing.Modules.Imports.Domain.ImportJob>().Where(j => j.Id == done.Id)
            .ExecuteUpdateAsync(x => x.SetProperty(j => j.FinishedAt, DateTime.UtcNow.AddDays(-31)));
        (await housekeeping.Run(default)).RejectedRows.Should().BeGreaterThanOrEqualTo(1);
        var errors = await client.GetStringAsync(done.ErrorsUrl!);
        errors.Should().NotContain("13912345678").And.Contain("Row 3", "the row number and its error stay");

        var leftover = Path.Combine(Path.GetTempPath(), $"keqing-import-{Guid.NewGuid():N}-{Guid.NewGuid():N}.tmp");
        var recent = Path.Combine(Path.GetTempPath(), $"keqing-import-{Guid.NewGuid():N}-{Guid.NewGuid():N}.tmp");
        await File.WriteAllTextAsync(leftover, "x");
        await File.WriteAllTextAsync(recent, "x");
        File.SetLastWriteTimeUtc(leftover, DateTime.UtcNow.AddDays(-2));
        // Another host's housekeeping may sweep it first: what counts is that it is gone and the recent one is not.
        Keqing.Modules.Imports.Features.ImportStore.SweepTempFiles(TimeSpan.FromDays(1), DateTime.UtcNow);
        File.Exists(leftover).Should().BeFalse();
        File.Exists(recent).Should().BeTrue();
        File.Delete(recent);
    }

    [Fact]
    public async Task Rejected_rows_download_as_csv_with_an_error_column_and_neutralised_formulas()
    {
        var client = await Marketer();
        var p = P();
        var csv = $"name,phone,notes\n{p}好,{Phone()},ok\n=HYPERLINK(\"x\"),12,\"a,b\"\n{p}坏,not-a-phone,@x\n";
        var job = await Import(client, Encoding.UTF8.GetBytes(csv));
        (job.Inserted, job.Failed).Should().Be((1, 2));
        var response = await client.GetAsync(job.ErrorsUrl);
        await response.ShouldBe(200);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).Should().Equal(Encoding.UTF8.GetPreamble());
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(l => l.Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToList();
        lines[0].Should().Be("name,phone,notes,error");
        lines.Should().HaveCount(3);
        lines[1].Should().StartWith("'=HYPERLINK(\"\"x\"\")".Insert(0, "\"") + "\",12,\"a,b\",");
        lines[2].Should().StartWith($"{p}坏,not-a-phone,'@x,");
        lines[2].Should().Contain("not-a-phone");
    }

    [Fact]
    public async Task Legal_basis_none_marks_the_rows_unusable_for_marketing_and_source_and_basis_are_required()
    {
        var client = await Marketer();
        var p = P();
        var csv = Encoding.UTF8.GetBytes($"name\n{p}名单公司\n");
        var missing = await Upload(client, csv, source: "", legalBasis: null);
        await missing.ShouldBe(400);
        var errors = (await missing.Read<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("source", out _).Should().BeTrue();
        errors.TryGetProperty("legalBasis", out _).Should().BeTrue();
        await (await Upload(client, csv, legalBasis: "purchased")).ShouldBe(400);

        var job = await Import(client, csv, legalBasis: "none");
        job.LegalBasis.Should().Be(LegalBasis.None);
        (await CustomersNamed(p)).Single().LegalBasis.Should().Be(LegalBasis.None);
    }

    [Fact]
    public async Task Bad_files_get_a_clear_400_never_a_500()
    {
        var client = await Marketer();
        async Task Bad(byte[] file, string name, string expected)
        {
            var response = await Upload(client, file, name);
            await response.ShouldBe(400);
            var body = await response.Read<JsonElement>();
            body.GetProperty("errors").GetProperty("file")[0].GetString().Should().Contain(expected);
        }
        await Bad([], "empty.csv", "empty");
        await Bad(Encoding.UTF8.GetBytes("\n\n"), "blank.csv", "empty");
        await Bad(Encoding.UTF8.GetBytes(string.Join(',', Enumerable.Range(0, 10_000).Select(i => $"c{i}")) + "\nx\n"), "wide.csv", "10000");

        var xlsx = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.xlsx");
        MiniExcelLibs.MiniExcel.SaveAs(xlsx, new[] { new Dictionary<string, object> { ["name"] = "x" } });
        var whole = await File.ReadAllBytesAsync(xlsx);
        File.Delete(xlsx);
        await Bad(whole[..(whole.Length / 2)], "truncated.xlsx", ".xlsx");
        await Bad(ZipBomb(), "bomb.xlsx", "zip bomb");
    }

    [Fact]
    public async Task A_50_MB_line_fails_the_job_clearly_and_keeps_the_rows_before_it()
    {
        var client = await Marketer();
        var p = P();
        var text = new StringBuilder($"name,notes\n{p}前一行,ok\n{p}长行,");
        text.Append('x', 50 * 1024 * 1024).Append('\n').Append(CultureInfo.InvariantCulture, $"{p}后一行,ok\n");
        var response = await Upload(client, Encoding.UTF8.GetBytes(text.ToString()));
        await response.ShouldBe(202);
        var job = await WaitDone(client, (await response.Read<ImportCreated>()).Id);
        job.Status.Should().Be(ImportStatus.Failed);
        job.Error.Should().Contain("3");
        job.Inserted.Should().Be(1);
        (await CustomersNamed(p)).Select(c => c.Name).Should().Equal($"{p}前一行");
    }

    [Fact]
    public async Task A_draft_or_queued_import_can_be_cancelled_and_only_importing_roles_may_import()
    {
        var client = await Marketer();
        var upload = await Upload(client, Encoding.UTF8.GetBytes($"name\n{P()}取消\n"), dryRun: true);
        var id = (await upload.Read<ImportCreated>()).Id;
        var cancelled = await (await client.PostAsync($"/api/imports/{id}/cancel", null)).Read<ImportDto>();
        cancelled.Status.Should().Be(ImportStatus.Cancelled);
        await (await client.PostAsJsonAsync($"/api/imports/{id}/start", new { })).ShouldBe(409);

        var admin = await app.AdminClient();
        var rep = await app.ClientFor((await admin.CreateUser(Roles.SalesRep)).Email);
        await (await Upload(rep, Encoding.UTF8.GetBytes("name\nx\n"))).ShouldBe(403);
        await (await rep.GetAsync($"/api/imports/{id}")).ShouldBe(403);
        var otherMarketer = await Marketer();
        await (await otherMarketer.GetAsync($"/api/imports/{id}")).ShouldBe(404);
        (await (await admin.GetAsync($"/api/imports/{id}")).Read<ImportDto>()).Id.Should().Be(id);
    }

    [Fact]
    public async Task The_list_of_imports_is_keyset_paged_newest_first_and_shows_each_importer_their_own()
    {
        var client = await Marketer();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
            ids.Add((await (await Upload(client, Encoding.UTF8.GetBytes($"name\n{P()}分页{i}\n"), dryRun: true)).Read<ImportCreated>()).Id);
        await (await Upload(await Marketer(), Encoding.UTF8.GetBytes($"name\n{P()}别人的\n"), dryRun: true)).ShouldBe(202);

        var seen = new List<Guid>();
        var pages = 0;
        string? after = null;
        do
        {
            var response = await client.GetAsync("/api/imports?limit=2" + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}"));
            await response.ShouldBe(200);
            var page = await response.Read<Page<ImportDto>>();
            page.Items.Count.Should().BeLessThanOrEqualTo(2);
            seen.AddRange(page.Items.Select(j => j.Id));
            after = page.Next;
            pages++;
        } while (after is not null && pages < 10);

        seen.Should().Equal(Enumerable.Reverse(ids), "newest first, every import once, none of another marketer's");
        pages.Should().Be(3);
        var first = await (await client.GetAsync("/api/imports")).Read<Page<ImportDto>>();
        first.Items.Select(j => j.Id).Should().Equal(Enumerable.Reverse(ids));
        first.Next.Should().BeNull();
    }

    [Fact]
    public async Task A_cursor_the_server_did_not_issue_is_a_400_naming_after()
    {
        var client = await Marketer();
        string[] cursors =
        [
            "%FF%FE", "AAAA", "eyJ4IjoxfQ", "bm90IGpzb24", Uri.EscapeDataString(Paging.Encode("not-a-guid")), Uri.EscapeDataString(Paging.Encode(42)),
            new string('A', 5000), "%27%20OR%201%3D1--", "..%2F..%2Fetc%2Fpasswd",
        ];
        foreach (var cursor in cursors)
        {
            var response = await client.GetAsync($"/api/imports?after={cursor}");
            await response.ShouldBe(400);
            (await response.Content.ReadAsStringAsync()).Should().Contain("\"after\"", cursor);
        }
        await (await client.GetAsync("/api/imports?limit=0")).ShouldBe(400);
    }

    [Fact]
    [Trait("Category", "Slow")] // 60,000 rows
    public async Task A_running_import_cancelled_stops_after_its_batch_and_keeps_what_it_wrote()
    {
        var client = await Marketer();
        var p = P();
        var csv = new StringBuilder("name,phone\n");
        for (var i = 0; i < 60_000; i++) csv.Append(CultureInfo.InvariantCulture, $"{p}取消{i:D5},137{i:D8}\n");
        var upload = await Upload(client, Encoding.UTF8.GetBytes(csv.ToString()));
        var id = (await upload.Read<ImportCreated>()).Id;
        ImportDto job;
        while (true)
        {
            job = await (await client.GetAsync($"/api/imports/{id}")).Read<ImportDto>();
            if (job.Processed > 0 || job.Status is not (ImportStatus.Queued or ImportStatus.Running)) break;
            await Task.Delay(20);
        }
        job.Status.Should().Be(ImportStatus.Running);

        await (await client.PostAsync($"/api/imports/{id}/cancel", null)).ShouldBe(200);
        job = await WaitDone(client, id);
        job.Status.Should().Be(ImportStatus.Cancelled);
        job.Processed.Should().BeLessThan(60_000).And.Be(job.Inserted);
        (await CustomersNamed(p)).Should().HaveCount(job.Inserted);
        await (await client.PostAsync($"/api/imports/{id}/cancel", null)).ShouldBe(409);
    }

    [Fact]
    public async Task An_import_cancelled_while_its_worker_was_dead_writes_nothing_more_when_taken_over()
    {
        var client = await Marketer();
        var p = P();
        var draft = await (await Upload(client, Encoding.UTF8.GetBytes($"name\n{p}甲\n{p}乙\n"), dryRun: true)).Read<ImportCreated>();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            await db.Set<Keqing.Modules.Imports.Domain.ImportJob>().Where(j => j.Id == draft.Id)
                .ExecuteUpdateAsync(x => x.SetProperty(j => j.Status, ImportStatus.Running));
            db.Add(new Keqing.Infrastructure.Jobs.JobLease
            {
                Job = Keqing.Modules.Imports.Features.ImportRunner.JobName, Item = draft.Id, Owner = "dead@node",
                AcquiredAt = DateTime.UtcNow, ExpiresAt = DateTime.UtcNow.AddHours(1),
            });
            await db.SaveChangesAsync();
        }
        (await (await client.PostAsync($"/api/imports/{draft.Id}/cancel", null)).Read<ImportDto>()).Status.Should().Be(ImportStatus.Running);
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<Keqing.Infrastructure.Jobs.JobLease>().Where(l => l.Item == draft.Id)
                .ExecuteUpdateAsync(x => x.SetProperty(l => l.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)));
        await app.Services.GetRequiredService<Keqing.Modules.Imports.Features.ImportRunner>().RunDueAsync(default);

        var job = await WaitDone(client, draft.Id);
        (job.Status, job.Processed, job.Inserted).Should().Be((ImportStatus.Cancelled, 0, 0));
        (await CustomersNamed(p)).Should().BeEmpty();
    }

    [Fact]
    public async Task Two_imports_of_the_same_rows_running_at_once_insert_each_customer_once()
    {
        var client = await Marketer();
        var p = P();
        var csv = new StringBuilder("name,phone\n");
        for (var i = 0; i < 3000; i++) csv.Append(CultureInfo.InvariantCulture, $"{p}并发{i:D4},136{i:D8}\n");
        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        var first = await (await Upload(client, bytes, dryRun: true)).Read<ImportCreated>();
        var second = await (await Upload(client, bytes, dryRun: true)).Read<ImportCreated>();
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<Keqing.Modules.Imports.Domain.ImportJob>()
                .Where(j => j.Id == first.Id || j.Id == second.Id).ExecuteUpdateAsync(x => x.SetProperty(j => j.Status, ImportStatus.Queued));
        var runner = app.Services.GetRequiredService<Keqing.Modules.Imports.Features.ImportRunner>();
        await Task.WhenAll(Task.Run(() => runner.RunOne(first.Id, default)), Task.Run(() => runner.RunOne(second.Id, default)));

        var a = await WaitDone(client, first.Id);
        var b = await WaitDone(client, second.Id);
        (a.Status, b.Status).Should().Be((ImportStatus.Completed, ImportStatus.Completed));
        (a.Inserted + b.Inserted).Should().Be(3000);
        (await CustomersNamed(p)).Should().HaveCount(3000, "each row's customer exists once");
    }

    [Fact]
    public async Task An_owner_column_assigns_customers_the_importer_may_assign()
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var rep = await admin.CreateUser(Roles.SalesRep, team.Id);
        var p = P();
        var csv = Encoding.UTF8.GetBytes($"name,负责人\n{p}给销售,{rep.Email.ToUpperInvariant()}\n{p}无人,nobody@example.com\n");
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var job = await Import(admin, csv);
        (job.Inserted, job.Failed).Should().Be((1, 1));
        var customer = (await CustomersNamed(p)).Single();
        (customer.OwnerId, customer.TeamId).Should().Be((rep.Id, team.Id));

        var marketer = await Marketer();
        var denied = await Import(marketer, Encoding.UTF8.GetBytes($"name,owner\n{p}不许,{rep.Email}\n"));
        denied.Failed.Should().Be(1);
    }

    [Fact]
    public async Task A_business_card_files_mobile_and_email_go_to_the_contact_and_the_user_can_send_them_to_the_company()
    {
        var client = await Marketer();
        var p = P();
        var (mobile, office) = (Phone(), "0571-8" + Random.Shared.Next(1_000_000, 9_999_999));
        var csv = $"公司名称,联系人,职位,手机,邮箱,公司电话\n{p}名片,王建国,总经理,{mobile},wang@{p}.cn,{office}\n";
        var upload = await Upload(client, Utf8Bom(csv), dryRun: true);
        await upload.ShouldBe(202);
        var id = (await upload.Read<ImportCreated>()).Id;

        var preview = await (await client.GetAsync($"/api/imports/{id}/preview")).Read<ImportPreview>();
        preview.Targets.Should().ContainEquivalentOf(new ImportColumnTarget("手机", "contactPhone", "contact"));
        preview.Targets.Should().ContainEquivalentOf(new ImportColumnTarget("邮箱", "contactEmail", "contact"));
        preview.Targets.Should().ContainEquivalentOf(new ImportColumnTarget("公司电话", "phones", "customer"));
        preview.Rows[0].Values["contactPhone"].Should().Be(mobile);
        preview.NotImported.Should().BeEmpty();
        var fields = await (await client.GetAsync("/api/imports/fields")).Read<List<ImportFieldDto>>();
        fields.Should().ContainEquivalentOf(new ImportFieldDto("contactEmail", "Contact email", "contact"));

        await (await client.PostAsJsonAsync($"/api/imports/{id}/start", new { })).ShouldBe(202);
        (await WaitDone(client, id)).Inserted.Should().Be(1);
        var customer = (await CustomersNamed(p)).Single();
        customer.Phones.Should().ContainSingle().Which.Should().Be(office);
        customer.Emails.Should().BeEmpty();
        var contact = (await ContactsOf(customer.Id)).Should().ContainSingle().Subject;
        (contact.Name, contact.Title).Should().Be(("王建国", "总经理"));
        contact.Phones.Should().Equal(mobile);
        contact.Emails.Should().Equal($"wang@{p}.cn");

        // The user decides otherwise for another file: the mobile is the company's hotline; the import honours it.
        var q = P();
        var second = await Upload(client, Utf8Bom($"公司名称,联系人,手机\n{q}热线,李娜,{Phone()}\n"), dryRun: true);
        var secondId = (await second.Read<ImportCreated>()).Id;
        await (await client.PutAsJsonAsync($"/api/imports/{secondId}/mapping", new Dictionary<string, string?> { ["手机"] = "phones" })).ShouldBe(200);
        preview = await (await client.GetAsync($"/api/imports/{secondId}/preview")).Read<ImportPreview>();
        preview.Targets.Should().ContainEquivalentOf(new ImportColumnTarget("手机", "phones", "customer"));
        await (await client.PostAsJsonAsync($"/api/imports/{secondId}/start", new { })).ShouldBe(202);
        (await WaitDone(client, secondId)).Inserted.Should().Be(1);
        var hotline = (await CustomersNamed(q)).Single();
        hotline.Phones.Should().ContainSingle();
        (await ContactsOf(hotline.Id)).Should().ContainSingle().Which.Phones.Should().BeEmpty();
    }

    [Fact]
    public async Task An_owner_column_names_users_by_email_or_name_and_an_unknown_or_ambiguous_name_rejects_only_its_row()
    {
        var admin = await app.AdminClient();
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var team = await admin.CreateTeam();
        var rep = await admin.CreateUser(Roles.SalesRep, team.Id);
        var twin = "同名" + Guid.NewGuid().ToString("N")[..6];
        foreach (var _ in new[] { 1, 2 })
            await (await admin.PostAsJsonAsync("/api/users", new
            {
                email = $"{Guid.NewGuid():N}@example.com", displayName = twin, password = KeqingApp.Password, roles = new[] { Roles.SalesRep }, teamId = team.Id,
            })).ShouldBe(201);
        var p = P();
        var csv = $"公司名称,负责人\n{p}甲,{rep.DisplayName}\n{p}乙,{twin}\n{p}丙,查无此人\n{p}丁,\n";
        var upload = await Upload(admin, Utf8Bom(csv), dryRun: true);
        var id = (await upload.Read<ImportCreated>()).Id;
        var preview = await (await admin.GetAsync($"/api/imports/{id}/preview")).Read<ImportPreview>();
        preview.Rows[0].Values["owner"].Should().Be(rep.DisplayName);
        preview.Rows[1].Errors.Should().ContainSingle(e => e.Contains("several users"));
        preview.Rows[2].Errors.Should().ContainSingle(e => e.Contains("查无此人"));
        await (await admin.PostAsJsonAsync($"/api/imports/{id}/start", new { })).ShouldBe(202);
        var job = await WaitDone(admin, id);
        (job.Inserted, job.Failed).Should().Be((2, 2));
        var customers = await CustomersNamed(p);
        customers.Single(c => c.Name == $"{p}甲").OwnerId.Should().Be(rep.Id);
        customers.Single(c => c.Name == $"{p}丁").OwnerId.Should().NotBe(rep.Id, "a row without an owner cell is the importer's");
    }

    [Fact]
    public async Task The_import_form_gives_the_customers_to_one_user_or_in_turn_to_a_teams_sales_staff()
    {
        var admin = await app.AdminClient();
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var team = await admin.CreateTeam();
        var reps = new[] { await admin.CreateUser(Roles.SalesRep, team.Id), await admin.CreateUser(Roles.SalesRep, team.Id) };
        await admin.CreateUser(Roles.Analyst, team.Id); // not sales staff: never in the rotation

        // One user: every row without an owner cell is theirs, with their team.
        var p = P();
        using (var form = Form(Utf8Bom($"公司名称\n{p}一\n{p}二\n")))
        {
            form.Add(new StringContent(reps[0].Id.ToString()), "ownerId");
            var response = await admin.PostAsync("/api/imports", form);
            await response.ShouldBe(202);
            var job = await WaitDone(admin, (await response.Read<ImportCreated>()).Id);
            (job.Inserted, job.OwnerId).Should().Be((2, reps[0].Id));
        }
        (await CustomersNamed(p)).Should().OnlyContain(c => c.OwnerId == reps[0].Id && c.TeamId == team.Id);

        // A team: its sales reps in turn.
        var q = P();
        using (var form = Form(Utf8Bom("公司名称\n" + string.Concat(Enumerable.Range(1, 6).Select(i => $"{q}{i:00}\n")))))
        {
            form.Add(new StringContent(team.Id.ToString()), "ownerTeamId");
            var response = await admin.PostAsync("/api/imports", form);
            await response.ShouldBe(202);
            (await WaitDone(admin, (await response.Read<ImportCreated>()).Id)).Inserted.Should().Be(6);
        }
        var owners = (await CustomersNamed(q)).GroupBy(c => c.OwnerId).ToDictionary(g => g.Key, g => g.Count());
        owners.Should().BeEquivalentTo(new Dictionary<Guid, int> { [reps[0].Id] = 3, [reps[1].Id] = 3 });

        // A draft's choice can be changed when it starts; the preview shows whom each row goes to.
        var r = P();
        var draft = (await (await Upload(admin, Utf8Bom($"公司名称\n{r}草稿\n"), dryRun: true)).Read<ImportCreated>()).Id;
        await (await admin.PostAsJsonAsync($"/api/imports/{draft}/start", new { ownerId = reps[1].Id, ownerTeamId = team.Id })).ShouldBe(400);
        await (await admin.PostAsJsonAsync($"/api/imports/{draft}/start", new { ownerId = reps[1].Id })).ShouldBe(202);
        await WaitDone(admin, draft);
        (await CustomersNamed(r)).Single().OwnerId.Should().Be(reps[1].Id);
    }

    [Fact]
    public async Task A_manager_may_give_an_import_only_to_their_own_teams_and_a_marketer_only_to_themselves()
    {
        var admin = await app.AdminClient();
        var manager = await admin.CreateUser(Roles.SalesManager);
        var own = await admin.CreateTeam(managerId: manager.Id);
        var other = await admin.CreateTeam();
        var ownRep = await admin.CreateUser(Roles.SalesRep, own.Id);
        var otherRep = await admin.CreateUser(Roles.SalesRep, other.Id);
        var client = await app.ClientFor(manager.Email);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        async Task<HttpResponseMessage> UploadWith(HttpClient c, string field, Guid id)
        {
            using var form = Form(Utf8Bom($"公司名称\n{P()}\n"), dryRun: true);
            form.Add(new StringContent(id.ToString()), field);
            return await c.PostAsync("/api/imports", form);
        }
        await (await UploadWith(client, "ownerId", ownRep.Id)).ShouldBe(202);
        await (await UploadWith(client, "ownerTeamId", own.Id)).ShouldBe(202);
        var refused = await UploadWith(client, "ownerId", otherRep.Id);
        await refused.ShouldBe(400);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("ownerId");
        await (await UploadWith(client, "ownerTeamId", other.Id)).ShouldBe(400);
        await (await UploadWith(await Marketer(), "ownerId", ownRep.Id)).ShouldBe(400);
        using var bad = Form(Utf8Bom("公司名称\nx\n"), dryRun: true);
        bad.Add(new StringContent("not-a-guid"), "ownerId");
        await (await client.PostAsync("/api/imports", bad)).ShouldBe(400);
    }

    [Fact]
    public async Task A_salesforce_account_export_keeps_its_billing_city_and_state_and_the_preview_names_every_column_left_behind()
    {
        var client = await Marketer();
        var p = P();
        var csv = "Account Name,Type,Phone,Billing Street,Billing City,Billing State/Province,Billing Zip/Postal Code,Billing Country,Account Number\n" +
                  $"{p} Trading Co.,Customer,{Phone()},100 Century Ave,上海,上海市,200120,China,SF-{p}\n";
        var upload = await Upload(client, Encoding.UTF8.GetBytes(csv), dryRun: true);
        var id = (await upload.Read<ImportCreated>()).Id;
        var preview = await (await client.GetAsync($"/api/imports/{id}/preview")).Read<ImportPreview>();
        preview.NotImported.Should().Equal("Type", "Billing Zip/Postal Code", "Billing Country");
        preview.Rows[0].Errors.Should().BeEmpty();
        await (await client.PostAsJsonAsync($"/api/imports/{id}/start", new { })).ShouldBe(202);
        (await WaitDone(client, id)).Inserted.Should().Be(1);
        var customer = (await CustomersNamed(p)).Single();
        (customer.City, customer.Province, customer.Address, customer.ExternalId).Should().Be(("上海", "上海市", "100 Century Ave", $"SF-{p}"));
    }

    private static MultipartFormDataContent Form(byte[] file, bool dryRun = false)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", "owners.csv");
        form.Add(new StringContent("展会 2026-11"), "source");
        form.Add(new StringContent("consent"), "legalBasis");
        form.Add(new StringContent(dryRun ? "true" : "false"), "dryRun");
        return form;
    }

    /// <summary>A workbook-shaped zip whose one part claims to unpack 1,000 times larger than it is stored.</summary>
    internal static byte[] ZipBomb()
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var w = new StreamWriter(zip.CreateEntry("xl/workbook.xml").Open())) w.Write("<workbook/>");
            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 64; i++) sheet.Write(zeros);
        }
        return memory.ToArray();
    }
}

public sealed class ImportApiTestsOnSqlite(SqliteApp app) : ImportApiTests(app), IClassFixture<SqliteApp>;
public sealed class ImportApiTestsOnPostgres(PostgresApp app) : ImportApiTests(app), IClassFixture<PostgresApp>;
