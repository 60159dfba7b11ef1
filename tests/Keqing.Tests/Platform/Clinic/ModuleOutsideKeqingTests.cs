using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Infrastructure.Modules;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Tests.Customers;
using Keqing.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Keqing.Tests.Fixtures.ApiHelpers;

namespace Keqing.Tests.Platform.Clinic;

/// <summary>The host with the test-only <see cref="ClinicModule"/> plugged in, and its table created beside Keqing's.</summary>
public abstract class ClinicApp(PostgresServer postgres, Provider provider) : KeqingApp(postgres, provider)
{
    protected override void Configure(IWebHostBuilder builder) =>
        builder.ConfigureServices((context, services) => services.AddKeqingModule(new ClinicModule(), context.Configuration));

    protected override async ValueTask PrepareDatabaseAsync(string connectionString)
    {
        if (Provider == Provider.Sqlite)
        {
            await using var sqlite = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
            await sqlite.OpenAsync();
            await using var create = sqlite.CreateCommand();
            create.CommandText = """
                CREATE TABLE clinic_patients ("Id" TEXT NOT NULL PRIMARY KEY, "CustomerId" TEXT NOT NULL, "Name" TEXT NOT NULL,
                    "Mobile" TEXT NULL, "Diagnosis" TEXT NULL)
                """;
            await create.ExecuteNonQueryAsync();
        }
        else
        {
            await using var pg = new Npgsql.NpgsqlConnection(connectionString);
            await pg.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand("""
                CREATE TABLE clinic_patients ("Id" uuid NOT NULL PRIMARY KEY, "CustomerId" uuid NOT NULL, "Name" text NOT NULL,
                    "Mobile" text NULL, "Diagnosis" text NULL)
                """, pg);
            await create.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>The clinic host on SQLite.</summary>
public sealed class SqliteClinicApp(PostgresServer postgres) : ClinicApp(postgres, Provider.Sqlite);

/// <summary>The clinic host on PostgreSQL.</summary>
public sealed class PostgresClinicApp(PostgresServer postgres) : ClinicApp(postgres, Provider.Postgres);

/// <summary>
/// A module outside Keqing's folder and assembly declares an entity with a phone and a health field, and gets
/// masking, reveal, the access log, audit redaction and data-subject export and erasure without any privacy code of
/// its own and without a file of Keqing changed for it (issue 12, point 2).
/// </summary>
public abstract class ModuleOutsideKeqingTests(ClinicApp app)
{
    [Fact]
    public async Task A_modules_declared_personal_fields_are_masked_revealed_logged_redacted_exported_and_erased()
    {
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        var repUser = await admin.CreateUser(Roles.SalesRep, team.Id);
        var rep = await app.ClientFor(repUser.Email);
        var customer = await CustomerApiTests.Create(rep, new { kind = "person", name = Unique("王病人"), legalBasis = "contract" });
        var diagnosis = "二型糖尿病" + Guid.NewGuid().ToString("N")[..6];
        var mobile = "139" + Random.Shared.Next(10_000_000, 99_999_999);

        var created = await rep.PostAsJsonAsync("/api/clinic/patients", new { customerId = customer.Id, name = "王先生", mobile, diagnosis }, Json);
        await created.ShouldBe(201);
        var patient = await created.Read<PatientDto>();

        // Masking by the caller's grants: a rep sees contact details but no health data, and may not reveal it.
        var asRep = await (await rep.GetAsync($"/api/clinic/patients/{patient.Id}")).Read<PatientDto>();
        asRep.Mobile.Should().Be(mobile);
        asRep.Diagnosis.Should().Be(Masked.Text);
        asRep.Masked.Should().Equal("diagnosis");
        await (await rep.PostAsJsonAsync("/api/privacy/reveal", new { entity = ClinicModule.RecordType, id = patient.Id, category = "health", reason = "复诊核对病历" }, Json))
            .ShouldBe(403);

        // The audit trail is no way around the masking.
        var trail = await (await rep.GetAsync($"/api/audit?entity={ClinicModule.RecordType}&id={patient.Id}")).Read<Page<AuditEntryDto>>();
        var createdEntry = trail.Items.Should().ContainSingle().Subject;
        createdEntry.EntityType.Should().Be(ClinicModule.RecordType);
        createdEntry.Changes.Single(c => c.Field == "Diagnosis").New.Should().Be(Masked.Text);
        createdEntry.Changes.Single(c => c.Field == "Mobile").New.Should().Be(mobile);

        // An admin's role may reveal health data: with a reason, for a while, and the access log has both the reveal and the view.
        (await (await admin.GetAsync($"/api/clinic/patients/{patient.Id}")).Read<PatientDto>()).Diagnosis.Should().Be(Masked.Text);
        await (await admin.PostAsJsonAsync("/api/privacy/reveal", new { entity = ClinicModule.RecordType, id = patient.Id, category = "health", reason = "复诊核对病历" }, Json))
            .ShouldBe(200);
        (await (await admin.GetAsync($"/api/clinic/patients/{patient.Id}")).Read<PatientDto>()).Diagnosis.Should().Be(diagnosis);
        var log = await (await admin.GetAsync($"/api/privacy/access-log?entity={ClinicModule.RecordType}&id={patient.Id}")).Read<Page<AccessLogEntryDto>>();
        log.Items.Select(e => e.Action).Should().Contain(["revealed", "viewed"]);
        log.Items.Should().OnlyContain(e => e.EntityType == ClinicModule.RecordType);

        // A data-subject export of the customer holds the module's record.
        var export = await admin.GetAsync($"/api/privacy/subjects/customers/{customer.Id}/export");
        await export.ShouldBe(200);
        using (var zip = new ZipArchive(await export.Content.ReadAsStreamAsync()))
        {
            var subject = JsonDocument.Parse(await new StreamReader(zip.GetEntry("subject.json")!.Open()).ReadToEndAsync());
            var rows = subject.RootElement.GetProperty("parts").GetProperty("records").GetProperty(ClinicModule.RecordType);
            rows.GetArrayLength().Should().Be(1);
            rows[0].GetProperty("diagnosis").GetString().Should().Be(diagnosis);
            zip.GetEntry($"records-{ClinicModule.RecordType}.csv").Should().NotBeNull();
        }

        // Erasure anonymises it with the customer, and its trail no longer shows what it held.
        var erase = await admin.PostAsJsonAsync($"/api/privacy/subjects/customers/{customer.Id}/erase", new { reason = "本人要求删除（PIPL 第47条）" }, Json);
        await erase.ShouldBe(200);
        (await erase.Read<ErasureResult>()).Erased["records"].Should().Be(1);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<Patient>().AsNoTracking().SingleAsync(p => p.Id == patient.Id);
            stored.Diagnosis.Should().BeNull();
            stored.Mobile.Should().BeNull();
            stored.Name.Should().Be("[erased]");
        }
        var after = await (await admin.GetAsync($"/api/audit?entity={ClinicModule.RecordType}&id={patient.Id}")).Read<Page<AuditEntryDto>>();
        string.Join("\n", after.Items.SelectMany(e => e.Changes).Select(c => $"{c.Old} {c.New}")).Should().NotContain(diagnosis).And.NotContain(mobile);
    }

    [Fact]
    public async Task A_customer_is_revealed_and_its_trail_read_by_its_record_type_key_in_any_case_or_its_old_class_name()
    {
        var admin = await app.AdminClient();
        var customer = await CustomerApiTests.Create(admin, new { kind = "person", name = Unique("赵客户"), legalBasis = "contract" });
        var reveal = await admin.PostAsJsonAsync("/api/privacy/reveal",
            new { entity = "Customers.Customer", id = customer.Id, category = "health", reason = "核对客户健康档案" }, Json);
        await reveal.ShouldBe(200);
        var granted = await reveal.Read<RevealDto>();
        granted.Entity.Should().Be(CustomersRecordTypes.Customer);
        granted.SubjectType.Should().Be(SubjectType.Customer);
        foreach (var name in new[] { "customers.customer", "Customer", "CUSTOMERS.CUSTOMER" })
        {
            var trail = await (await admin.GetAsync($"/api/audit?entity={name}&id={customer.Id}")).Read<Page<AuditEntryDto>>();
            trail.Items.Should().NotBeEmpty(name).And.OnlyContain(e => e.EntityType == CustomersRecordTypes.Customer, name);
        }
    }

    [Fact]
    public async Task A_dto_that_declares_no_personal_field_for_a_record_type_holding_personal_data_is_refused_not_shown()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var masker = scope.ServiceProvider.GetRequiredService<IPersonalDataMasker>();
        var act = () => masker.Mask(ClinicModule.RecordType, [new UndeclaredPatient(Guid.NewGuid(), "13800138000")], p => p.Id, default);
        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*declares no [Personal]*");
        var badDeclaration = () => PersonalFields.Of(typeof(ValueTypeDeclared));
        badDeclaration.Should().Throw<InvalidOperationException>().WithMessage("*non-nullable value*");
    }

    private sealed record UndeclaredPatient(Guid Id, string Mobile);
    private sealed record ValueTypeDeclared([Personal(Sensitivity.Finance)] decimal Income);

    [Fact]
    public void The_module_is_in_the_catalog_and_keqings_own_modules_do_not_know_it()
    {
        var catalog = app.Services.GetRequiredService<ModuleCatalog>();
        catalog.FindRecordType(ClinicModule.RecordType)!.Value.Type.Should().Be<Patient>();
        typeof(Patient).Assembly.Should().NotBeSameAs(typeof(KeqingDb).Assembly);
    }
}

public sealed class ModuleOutsideKeqingTestsOnSqlite(SqliteClinicApp app) : ModuleOutsideKeqingTests(app), IClassFixture<SqliteClinicApp>;
public sealed class ModuleOutsideKeqingTestsOnPostgres(PostgresClinicApp app) : ModuleOutsideKeqingTests(app), IClassFixture<PostgresClinicApp>;
