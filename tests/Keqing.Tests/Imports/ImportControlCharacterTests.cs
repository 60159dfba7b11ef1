using System.Text;
using Keqing.Modules.Imports.Contracts;
using Keqing.Tests.Fixtures;

namespace Keqing.Tests.Imports;

/// <summary>
/// A control character in a cell rejects that row only, with the reason, on both providers (PostgreSQL stores no U+0000;
/// once one such cell failed the whole import and none of its good rows landed).
/// </summary>
public abstract class ImportControlCharacterTests(KeqingApp app)
{
    [Fact]
    public async Task A_cell_with_a_nul_or_another_control_character_rejects_its_row_and_the_good_rows_land()
    {
        var admin = await app.AdminClient();
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var p = "控制" + Guid.NewGuid().ToString("N")[..6];
        var csv = $"公司名称,城市,地址\n{p}甲,上海,世纪大道 1 号\n{p}\0乙,北京,长安街\n{p}丙,广州,\"天河路\u001b 2 号\"\n{p}丁,深圳,\"多行\n地址\"\n";
        var job = await ImportApiTests.Import(admin, Encoding.UTF8.GetBytes(csv));

        job.Status.Should().Be(ImportStatus.Completed);
        (job.Inserted, job.Failed).Should().Be((2, 2));
        var errors = await admin.GetStringAsync(job.ErrorsUrl);
        errors.Should().Contain("U+0000").And.Contain("U+001B");
        errors.Should().NotContain(p + "甲").And.NotContain(p + "丁");
    }
}

public sealed class ImportControlCharacterTestsOnSqlite(SqliteApp app) : ImportControlCharacterTests(app), IClassFixture<SqliteApp>;
public sealed class ImportControlCharacterTestsOnPostgres(PostgresApp app) : ImportControlCharacterTests(app), IClassFixture<PostgresApp>;
