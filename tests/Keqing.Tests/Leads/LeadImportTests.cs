using System.Net.Http.Headers;
using System.Text;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Jobs;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Imports.Contracts;
using Keqing.Modules.Imports.Domain;
using Keqing.Modules.Imports.Features;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Domain;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Leads;

/// <summary>
/// Lead imports (<c>entity=leads</c>) through the customers' import pipeline on both providers: mapping, preview, run,
/// rejected rows, a rerun and a resume that never make a lead twice.
/// </summary>
public abstract class LeadImportTests(KeqingApp app)
{
    private async Task<(HttpClient Client, UserDto User)> Manager()
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var user = await admin.CreateUser(Roles.SalesManager, team.Id);
        var client = await app.ClientFor(user.Email);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        return (client, user);
    }

    private static async Task<HttpResponseMessage> Upload(HttpClient client, string csv, bool dryRun, string? entity = "leads")
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(content, "file", "leads.csv");
        if (entity is not null) form.Add(new StringContent(entity), "entity");
        form.Add(new StringContent("展会 2026-11 名片"), "source");
        form.Add(new StringContent("consent"), "legalBasis");
        form.Add(new StringContent(dryRun ? "true" : "false"), "dryRun");
        return await client.PostAsync("/api/imports", form);
    }

    private async Task<List<Lead>> LeadsWithPhones(params string[] phones)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var ids = await db.Set<LeadLookup>().Where(l => l.Kind == LeadLookupKind.Phone && phones.Contains(l.Value)).Select(l => l.LeadId).ToListAsync();
        return await db.Set<Lead>().AsNoTracking().Where(l => ids.Contains(l.Id)).ToListAsync();
    }

    private static string Phone() => $"137{Random.Shared.Next(10_000_000, 99_999_999)}";

    [Fact]
    public async Task A_lead_file_is_previewed_run_with_its_rejected_rows_and_rerun_without_a_second_lead()
    {
        var (client, manager) = await Manager();
        var (p1, p2, p3, held) = (Phone(), Phone(), Phone(), Phone());
        // A lead already holds `held`: that row is left alone.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var create = scope.ServiceProvider.GetRequiredService<Keqing.Modules.Leads.Features.CreateLead>();
            await create.Add(new LeadInput("已有", null, null, [held], [], null, null, null, CompanySize.Unknown, null, LeadSource.Manual, null,
                LegalBasis.Consent, null), manager.Id, manager.Id, TestContext.Current.CancellationToken);
            await scope.ServiceProvider.GetRequiredService<KeqingDb>().SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        var csv = "姓名,公司,职位,手机,邮箱,城市,公司规模,备注\n"
            + $"张伟,南京明远医疗,采购主任,{p1},zw@example.com,南京,200,要报价\n"
            + $"李娜,,,{p2},,上海,小型,\n"
            + $",,,{p3},,,,\n"                                  // neither a name nor a company
            + $"赵敏,苏州华康,,139,not-an-email,,,\n"           // a bad phone and a bad email
            + $"张伟,南京明远医疗,,{p1},,,,\n"                  // repeats row 1 by its phone
            + $"王芳,常州,,{held},,,,\n";                       // held by an existing lead

        var draft = await (await Upload(client, csv, dryRun: true)).Read<ImportCreated>();
        var preview = await (await client.GetAsync($"/api/imports/{draft.Id}/preview")).Read<ImportPreview>();
        preview.Mapping.Should().Contain(new KeyValuePair<string, string?>("姓名", "name"))
            .And.Contain(new KeyValuePair<string, string?>("公司", "company")).And.Contain(new KeyValuePair<string, string?>("公司规模", "companySize"));
        preview.Targets.Where(t => t.Field is not null).Should().OnlyContain(t => t.Target == "lead");
        (preview.InvalidRows, preview.DuplicatesWithinFile, preview.DuplicatesOfExisting).Should().Be((2, 1, 1));
        preview.Rows[0].Values.Should().Contain(new KeyValuePair<string, string>("companySize", "medium"))
            .And.Contain(new KeyValuePair<string, string>("sourceDetail", "展会 2026-11 名片"));
        preview.Rows[2].Errors.Should().ContainSingle().Which.Should().Contain("name");
        preview.Rows[3].Errors.Should().HaveCount(2);

        var started = await client.PostAsync($"/api/imports/{draft.Id}/start", null);
        await started.ShouldBe(202);
        var done = await ImportApiTests.WaitDone(client, draft.Id);
        (done.Entity, done.Status, done.Inserted, done.Skipped, done.Failed).Should().Be(("leads", ImportStatus.Completed, 2, 2, 2));

        var leads = await LeadsWithPhones(p1, p2);
        leads.Should().HaveCount(2);
        leads.Should().OnlyContain(l => l.Source == LeadSource.Import && l.SourceDetail == "展会 2026-11 名片" && l.LegalBasis == LegalBasis.Consent
            && l.OwnerId == manager.Id && l.Status == LeadStatus.New && l.RespondBy != null);
        leads.Single(l => l.Name == "张伟").Should().Match<Lead>(l => l.Company == "南京明远医疗" && l.Title == "采购主任" && l.CompanySize == CompanySize.Medium);
        (await LeadsWithPhones(held)).Should().ContainSingle().Which.Name.Should().Be("已有");

        var errors = await client.GetStringAsync(done.ErrorsUrl!);
        errors.Should().Contain("赵敏").And.Contain("not-an-email").And.NotContain("李娜");

        // The same file again: every lead is there already.
        var again = await (await Upload(client, csv, dryRun: false)).Read<ImportCreated>();
        var rerun = await ImportApiTests.WaitDone(client, again.Id);
        (rerun.Inserted, rerun.Skipped, rerun.Failed).Should().Be((0, 4, 2));
        (await LeadsWithPhones(p1, p2, held)).Should().HaveCount(3);
    }

    [Fact]
    public async Task A_resumed_lead_import_goes_on_after_its_checkpoint_and_makes_each_lead_once()
    {
        var (client, manager) = await Manager();
        var phones = Enumerable.Range(0, 4).Select(_ => Phone()).ToArray();
        var csv = "姓名,手机\n" + string.Concat(phones.Select((ph, i) => $"续传{i},{ph}\n"));
        var draft = await (await Upload(client, csv, dryRun: true)).Read<ImportCreated>();

        // A worker wrote the first two rows (rows 2 and 3 of the file, under its header) with their checkpoint in one
        // transaction, then died holding the lease.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
            var written = await scope.ServiceProvider.GetRequiredService<ILeadImport>().Write(
                [.. phones.Take(2).Select((ph, i) => new LeadImportRow(i + 2, new LeadInput($"续传{i}", null, null, [ph], [], null, null, null,
                    CompanySize.Unknown, null, LeadSource.Import, "展会 2026-11 名片", LegalBasis.Consent, null)))], manager.Id, TestContext.Current.CancellationToken);
            db.AddRange(written.Select(w => new ImportRow { ImportId = draft.Id, RowNo = w.RowNo, Outcome = RowOutcome.Inserted }));
            db.Add(new JobLease { Job = ImportRunner.JobName, Item = draft.Id, Owner = "dead@node", AcquiredAt = DateTime.UtcNow, ExpiresAt = DateTime.UtcNow.AddHours(1) });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            await db.Set<ImportJob>().Where(j => j.Id == draft.Id).ExecuteUpdateAsync(x => x
                .SetProperty(j => j.Status, ImportStatus.Running).SetProperty(j => j.CheckpointRow, 3).SetProperty(j => j.Processed, 2)
                .SetProperty(j => j.Inserted, 2).SetProperty(j => j.Total, 4), TestContext.Current.CancellationToken);
            // The dead worker's lease runs out: the next worker takes the job over.
            await db.Set<JobLease>().Where(l => l.Item == draft.Id).ExecuteUpdateAsync(x => x.SetProperty(l => l.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)),
                TestContext.Current.CancellationToken);
        }
        await app.Services.GetRequiredService<ImportRunner>().RunDueAsync(TestContext.Current.CancellationToken);

        var done = await ImportApiTests.WaitDone(client, draft.Id);
        (done.Status, done.Processed, done.Inserted, done.Skipped).Should().Be((ImportStatus.Completed, 4, 4, 0));
        foreach (var phone in phones) (await LeadsWithPhones(phone)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_lead_file_must_map_a_name_or_a_company_and_entity_is_checked()
    {
        var (client, _) = await Manager();
        var unmapped = await Upload(client, $"手机,城市\n{Phone()},南京\n", dryRun: false);
        await unmapped.ShouldBe(400);
        (await unmapped.Content.ReadAsStringAsync()).Should().Contain("mapping");
        var unknown = await Upload(client, "姓名\n张三\n", dryRun: true, entity: "orders");
        await unknown.ShouldBe(400);
        (await unknown.Content.ReadAsStringAsync()).Should().Contain("entity");
        var fields = await client.GetStringAsync("/api/imports/fields?entity=leads");
        fields.Should().Contain("companySize").And.Contain("sourceDetail").And.NotContain("legalRepresentative");
    }
}

public sealed class LeadImportTestsOnSqlite(SqliteApp app) : LeadImportTests(app), IClassFixture<SqliteApp>;
public sealed class LeadImportTestsOnPostgres(PostgresApp app) : LeadImportTests(app), IClassFixture<PostgresApp>;
