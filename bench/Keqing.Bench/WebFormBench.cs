using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Keqing.Testing;

namespace Keqing.Bench;

/// <summary>
/// <c>web-form [--rate 50] [--seconds 60]</c>: the public web form through the real host (the app's own Keqing.dll
/// on Kestrel, loopback) on a throwaway PostgreSQL cluster. Builds a form through the admin API, then posts it at a
/// fixed rate (open loop: a post is sent on its schedule whether or not earlier ones answered), each a new visitor
/// (its own phone and email), and reports p50/p95/p99 latency; beside it, in the same run and at the same rate, the
/// floor: one hand-written INSERT of a lead row over Npgsql.
/// </summary>
public static partial class WebFormBench
{
    private const string AdminEmail = "admin@keqing.local";
    private const string AdminPassword = "Bench-admin-password-1";

    public static async Task<int> Run(string[] args)
    {
        var rate = int.Parse(Arg(args, "--rate") ?? "50", CultureInfo.InvariantCulture);
        var seconds = int.Parse(Arg(args, "--seconds") ?? "60", CultureInfo.InvariantCulture);
        Console.WriteLine("Starting a throwaway PostgreSQL cluster ...");
        await using var cluster = await PostgresCluster.StartAsync("C.UTF-8", BenchSettings.Postgres);
        await using (var admin = new Npgsql.NpgsqlConnection(cluster.ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand("CREATE DATABASE keqing_forms", admin);
            await create.ExecuteNonQueryAsync();
        }
        var connectionString = cluster.ConnectionString("keqing_forms");
        var baseUrl = FreeUrl();
        using var app = StartApp(baseUrl, connectionString);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
            await WaitReady(http, app);
            var token = (await (await http.PostAsJsonAsync("/api/auth/token", new { email = AdminEmail, password = AdminPassword }))
                .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
            using var adminClient = new HttpClient { BaseAddress = new Uri(baseUrl) };
            adminClient.DefaultRequestHeaders.Authorization = new("Bearer", token);
            var form = await (await adminClient.PostAsJsonAsync("/api/forms", new
            {
                name = "官网咨询", asksConsent = true, consentTextZh = "我同意接收产品信息", consentVersion = "v1",
                fields = new object[]
                {
                    new { field = "name", required = true }, new { field = "company", required = false },
                    new { field = "phone", required = false }, new { field = "email", required = false }, new { field = "message", required = false },
                },
            })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
            var key = form.GetProperty("key").GetString()!;
            var page = await http.GetStringAsync($"/f/{key}");
            var fillToken = WebUtility.HtmlDecode(TokenIn().Match(page).Groups[1].Value);
            Console.WriteLine("Waiting out the minimum fill time ...");
            await Task.Delay(TimeSpan.FromSeconds(4));

            var visitor = 0;
            async Task<double> Post(HttpClient client)
            {
                var n = Interlocked.Increment(ref visitor);
                var body = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["name"] = $"访客{n}", ["company"] = $"明远医疗{n % 97}", ["phone"] = (13_900_000_000L + n).ToString(CultureInfo.InvariantCulture),
                    ["email"] = $"visitor{n}@example.cn", ["message"] = "想了解产品报价", ["consent"] = "on", ["website"] = "", ["_t"] = fillToken,
                });
                var sw = Stopwatch.StartNew();
                using var response = await client.PostAsync($"/api/public/forms/{key}", body);
                sw.Stop();
                if (response.StatusCode != HttpStatusCode.OK)
                    throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                return sw.Elapsed.TotalMilliseconds;
            }

            // A pool, as the app has: each INSERT on a connection of its own while earlier ones may still run.
            await using var pool = Npgsql.NpgsqlDataSource.Create(connectionString);
            var floorIndex = 0;
            async Task<double> Insert(HttpClient _)
            {
                var n = Interlocked.Increment(ref floorIndex);
                var sw = Stopwatch.StartNew();
                await using var sql = await pool.OpenConnectionAsync();
                await using var insert = new Npgsql.NpgsqlCommand(
                    """
                    INSERT INTO leads ("Id", "Name", "Company", "Phones", "Emails", "CompanySize", "Source", "SourceDetail", "LegalBasis", "OwnerId",
                        "Status", "ClockStartedAt", "Score", "ScoredWithRules", "SearchText", "CreatedAt", "UpdatedAt", "Version")
                    VALUES (@id, @name, '明远医疗', ARRAY[@phone], ARRAY[@email], 'Unknown', 'WebForm', '官网咨询', 'Consent', @owner,
                        'New', now(), 0, 0, @name, now(), now(), 0)
                    """, sql);
                insert.Parameters.AddWithValue("id", Guid.CreateVersion7());
                insert.Parameters.AddWithValue("name", $"底线{n}");
                insert.Parameters.AddWithValue("phone", (13_800_000_000L + n).ToString(CultureInfo.InvariantCulture));
                insert.Parameters.AddWithValue("email", $"floor{n}@example.cn");
                insert.Parameters.AddWithValue("owner", Guid.Parse(form.GetProperty("createdById").GetString()!));
                await insert.ExecuteNonQueryAsync();
                sw.Stop();
                return sw.Elapsed.TotalMilliseconds;
            }

            using var posting = new HttpClient { BaseAddress = new Uri(baseUrl) };
            Console.WriteLine("Warming up (5 s at the same rate) ...");
            await AtRate(rate, 5, posting, Post);
            await AtRate(rate, 5, posting, Insert);
            Console.WriteLine($"Posting the form at {rate}/s for {seconds} s ...");
            var form_ = await AtRate(rate, seconds, posting, Post);
            Console.WriteLine($"The floor: a hand-written INSERT of a lead row at {rate}/s for {seconds} s ...");
            var floor = await AtRate(rate, seconds, posting, Insert);
            var leads = await CountLeads(connectionString);

            Console.WriteLine();
            Console.WriteLine("| what | rate | samples | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) |");
            Console.WriteLine("|---|---|---|---|---|---|---|");
            Row("POST /api/public/forms/{key} (real host, PostgreSQL)", rate, form_);
            Row("floor: one INSERT INTO leads (Npgsql)", rate, floor);
            Console.WriteLine($"\nleads in the database: {leads:N0}; p95 target 50 ms: {(Percentile(form_, 95) <= 50 ? "met" : "MISSED")}");
            return Percentile(form_, 95) <= 50 ? 0 : 1;
        }
        finally
        {
            if (!app.HasExited) { app.Kill(entireProcessTree: true); await app.WaitForExitAsync(); }
        }
    }

    /// <summary>Runs <paramref name="work"/> <paramref name="rate"/> times a second on a fixed schedule; the latencies in ms.</summary>
    private static async Task<List<double>> AtRate(int rate, int seconds, HttpClient client, Func<HttpClient, Task<double>> work)
    {
        var tasks = new List<Task<double>>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < rate * seconds; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            tasks.Add(Task.Run(() => work(client)));
        }
        return [.. await Task.WhenAll(tasks)];
    }

    private static void Row(string what, int rate, List<double> samples) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {what} | {rate}/s | {samples.Count} | {Percentile(samples, 50):N1} | {Percentile(samples, 95):N1} | {Percentile(samples, 99):N1} | {samples.Max():N1} |"));

    private static double Percentile(List<double> samples, int p)
    {
        var sorted = samples.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)];
    }

    private static async Task<long> CountLeads(string connectionString)
    {
        await using var sql = new Npgsql.NpgsqlConnection(connectionString);
        await sql.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM leads", sql);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static Process StartApp(string baseUrl, string connectionString)
    {
        var dll = Dll();
        Console.WriteLine($"Starting {dll} on {baseUrl} ...");
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\" --urls {baseUrl}")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true,
            Environment =
            {
                ["Keqing__Database__Provider"] = "postgres", ["ConnectionStrings__Keqing"] = connectionString,
                ["KEQING_ADMIN_PASSWORD"] = AdminPassword, ["Keqing__Jobs__Enabled"] = "false", ["Keqing__Outbox__Enabled"] = "false",
                ["Logging__LogLevel__Default"] = "Warning", ["ASPNETCORE_ENVIRONMENT"] = "Production",
                // One bench client is one address: lift the per-address limits, which the tests cover.
                ["Keqing__Leads__Forms__PostsPerMinute"] = "1000000", ["Keqing__Security__AnonymousRequestsPerMinute"] = "1000000",
            },
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("app: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The app's own build in Release (src/Keqing/bin/Release), as <c>dotnet run -c Release</c> of this bench built it.</summary>
    private static string Dll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "src", "Keqing"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("Run from the repository (src/Keqing not found above the bench).");
        return Directory.GetFiles(Path.Combine(dir.FullName, "src", "Keqing", "bin", "Release"), "Keqing.dll", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc).First();
    }

    private static async Task WaitReady(HttpClient http, Process app)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (app.HasExited) throw new InvalidOperationException("Keqing exited early.");
            try { if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) return; }
            catch (HttpRequestException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException("Keqing did not become ready.");
    }

    private static string FreeUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
    }

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    [GeneratedRegex("name=\"_t\" value=\"([^\"]+)\"")]
    private static partial Regex TokenIn();
}
