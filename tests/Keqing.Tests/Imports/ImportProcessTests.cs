using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Keqing.Modules.Imports.Contracts;
using Keqing.Tests.Fixtures;
using Microsoft.Data.Sqlite;

namespace Keqing.Tests.Imports;

/// <summary>
/// Imports against Keqing running as its own process (SQLite): killed with SIGKILL in the middle of a large import and
/// restarted, it resumes from the checkpoint and ends with every row exactly once; and the command-line import.
/// </summary>
/// <remarks>
/// The crash test imports the 200,000 rows (about 45 s on an idle 2-core machine, twice that when other builds
/// run beside it); <c>KEQING_IMPORT_CRASH_ROWS</c> changes the number.
/// </remarks>
[Trait("Category", "Slow")]
public sealed class ImportProcessTests : IAsyncLifetime
{
    private const string AdminPassword = "Admin-import-password-1";
    private readonly string database = Path.Combine(Path.GetTempPath(), $"keqing-import-kill-{Guid.NewGuid():N}.db");
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"keqing-import-cli-{Guid.NewGuid():N}");
    private readonly string baseUrl = KeqingProcess.FreeUrl(); // the same across the restart
    private KeqingProcess? app;

    [Fact]
    public async Task An_import_killed_mid_way_resumes_after_restart_and_ends_with_every_row_exactly_once()
    {
        var rows = int.TryParse(Environment.GetEnvironmentVariable("KEQING_IMPORT_CRASH_ROWS"), out var n) ? n : 200_000;
        var csv = new StringBuilder("公司名称,手机,邮箱,城市\n");
        for (var i = 0; i < rows; i++) csv.Append(CultureInfo.InvariantCulture, $"崩溃测试{i:D6}有限公司,138{i:D8},c{i}@crash.test,杭州\n");

        await Start();
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Token(http));
        var upload = await ImportApiTests.Upload(http, Encoding.UTF8.GetBytes(csv.ToString()), "crash.csv", source: "crash test");
        await upload.ShouldBe(202);
        var id = (await upload.Read<ImportCreated>()).Id;

        ImportDto job;
        var deadline = DateTime.UtcNow.AddSeconds(300);
        do
        {
            await Task.Delay(100);
            job = await (await http.GetAsync($"/api/imports/{id}")).Read<ImportDto>();
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Never reached 30 %: {job.Processed}/{job.Total}\n{app?.Output}");
        } while (job.Processed < rows * 3 / 10 && job.Status != ImportStatus.Completed);
        job.Status.Should().Be(ImportStatus.Running, "the kill must come mid-way");
        await app!.KillAsync();
        await app.DisposeAsync();
        app = null;

        await Start();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Token(http));
        deadline = DateTime.UtcNow.AddSeconds(300);
        do
        {
            await Task.Delay(250);
            job = await (await http.GetAsync($"/api/imports/{id}")).Read<ImportDto>();
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not resumed: {job.Status} {job.Processed}/{job.Total}\n{app?.Output}");
        } while (job.Status is not (ImportStatus.Completed or ImportStatus.Failed or ImportStatus.Cancelled));

        (job.Status, job.Total, job.Inserted, job.Merged + job.Skipped + job.Failed).Should().Be((ImportStatus.Completed, rows, rows, 0), app!.Output);
        await using var db = new SqliteConnection($"Data Source={database}");
        await db.OpenAsync();
        long Scalar(string sql)
        {
            using var command = db.CreateCommand();
            command.CommandText = sql;
            return (long)command.ExecuteScalar()!;
        }
        Scalar("SELECT COUNT(*) FROM customers WHERE Source = 'crash test'").Should().Be(rows);
        Scalar("SELECT COUNT(DISTINCT Name) FROM customers WHERE Source = 'crash test'").Should().Be(rows);
        Scalar("SELECT COUNT(*) FROM customers_lookups WHERE Kind = 1 AND Value LIKE '138%'").Should().Be(rows);
        Scalar($"SELECT COUNT(*) FROM imports_rows WHERE ImportId = '{id.ToString().ToUpperInvariant()}'").Should().Be(rows);
        Scalar("SELECT COUNT(*) FROM customers_fts WHERE customers_fts MATCH '\"崩溃测试000042\"'").Should().Be(1);
    }

    [Fact]
    public async Task The_command_line_import_prints_progress_and_a_summary_and_exits_0_only_when_no_row_was_rejected()
    {
        Directory.CreateDirectory(folder);
        var good = Path.Combine(folder, "good.csv");
        await File.WriteAllTextAsync(good, "name,phone\n命令行一号,13912340001\n命令行二号,13912340002\n", new UTF8Encoding(true));
        var (code, text) = await RunCli($"import \"{good}\" --source \"CRM move\" --legal-basis contract --mode fillEmpty");
        code.Should().Be(0, text);
        text.Should().Contain("Completed: 2 rows, 2 inserted, 0 merged, 0 skipped, 0 failed.");

        (code, text) = await RunCli($"import \"{good}\" --source \"CRM move\" --legal-basis contract");
        code.Should().Be(0, text);
        text.Should().Contain("0 inserted").And.Contain("2 skipped");

        var bad = Path.Combine(folder, "bad.csv");
        await File.WriteAllTextAsync(bad, "name,phone\n命令行三号,13912340003\n命令行四号,12\n");
        (code, text) = await RunCli($"import \"{bad}\" --source \"CRM move\" --legal-basis contract");
        code.Should().Be(1, text);
        text.Should().Contain("1 inserted").And.Contain("1 failed").And.Contain("Rejected rows: ");
        var errors = text.Split('\n').Single(l => l.StartsWith("Rejected rows: ", StringComparison.Ordinal))["Rejected rows: ".Length..].Trim();
        (await File.ReadAllTextAsync(errors)).Should().Contain("命令行四号");

        (code, text) = await RunCli($"import \"{good}\" --legal-basis contract");
        code.Should().Be(2, text);
        text.Should().Contain("source");
    }

    private async Task<(int Code, string Output)> RunCli(string arguments)
    {
        var dll = KeqingProcess.Dll();
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\" {arguments}")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        Configure(start);
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        start.Environment["LANG"] = "en_US.UTF-8";
        using var cli = Process.Start(start)!;
        var stdout = cli.StandardOutput.ReadToEndAsync();
        var stderr = cli.StandardError.ReadToEndAsync();
        await cli.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (cli.ExitCode, await stdout + await stderr);
    }

    private void Configure(ProcessStartInfo start)
    {
        start.Environment["ConnectionStrings__Keqing"] = $"Data Source={database}";
        start.Environment["Keqing__Database__Provider"] = "sqlite";
        start.Environment["KEQING_ADMIN_PASSWORD"] = AdminPassword;
        start.Environment["Keqing__Imports__LeaseSeconds"] = "3";
        start.Environment["Keqing__Imports__PollSeconds"] = "1";
        start.Environment["Keqing__Outbox__Enabled"] = "false";
    }

    private async Task Start() => app = await KeqingProcess.StartAsync(baseUrl, Configure);


    private static async Task<string> Token(HttpClient http)
    {
        var response = await http.PostAsJsonAsync("/api/auth/token", new { email = "admin@keqing.local", password = AdminPassword });
        await response.ShouldBe(200);
        return (await response.Read<System.Text.Json.JsonElement>()).GetProperty("token").GetString()!;
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (app is not null) await app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { database, database + "-wal", database + "-shm" }) File.Delete(f);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
