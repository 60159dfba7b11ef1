using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Keqing.E2E.AppServer))]

namespace Keqing.E2E;

/// <summary>
/// Keqing as a real process (its own build output, a fresh SQLite file, a known admin password) on a free loopback
/// port, and headless Debian Chromium driven by Playwright. Never downloads a browser.
/// </summary>
public class AppServer : IAsyncLifetime
{
    public const string AdminPassword = "Admin-e2e-password-1";
    /// <summary>The demo users' password (the app's demo seeder).</summary>
    public const string DemoPassword = "Keqing-demo-2026";

    /// <summary>Signs in through the login form and waits until the app has left it.</summary>
    public static async Task SignIn(IPage page, string email, string password = DemoPassword)
    {
        await page.GotoAsync("/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(url => !url.Contains("/login"));
    }
    private const string Chromium = "/usr/bin/chromium";

    private Process? process;
    private string? database;
    private IPlaywright? playwright;

    public string BaseUrl { get; private set; } = "";
    public IBrowser? Browser { get; private set; }
    public string? UnavailableReason { get; private set; }
    public string ScreenshotDir { get; } = Path.Combine(RepoRoot(), "tests", "Keqing.E2E", "screenshots");
    private readonly List<string> output = [];

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            UnavailableReason = "Chromium is not installed (apt-get install chromium): the browser journeys were SKIPPED.";
            if (Environment.GetEnvironmentVariable("CI") == "true") throw new InvalidOperationException(UnavailableReason);
            Console.Error.WriteLine($"WARNING: {UnavailableReason}");
            return;
        }
        Directory.CreateDirectory(ScreenshotDir);
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(15_000);
        var root = RepoRoot();
        var appDir = Path.Combine(root, "src", "Keqing");
        var dll = Directory.GetFiles(Path.Combine(appDir, "bin"), "Keqing.dll", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc).First();
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        database = Path.Combine(Path.GetTempPath(), $"keqing-e2e-{Guid.NewGuid():N}.db");

        var start = new ProcessStartInfo("dotnet", $"\"{dll}\" --seed-demo --urls {BaseUrl}")
        {
            WorkingDirectory = appDir, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["ConnectionStrings__Keqing"] = $"Data Source={database}";
        start.Environment["Keqing__Database__Provider"] = "sqlite";
        start.Environment["KEQING_ADMIN_PASSWORD"] = AdminPassword;
        // The journeys sign in far more often from one address than people do; the limits themselves are API-tested.
        start.Environment["Keqing__Security__SignInsPerMinute"] = "1000";
        AddSettings(start.Environment);
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitUntilReady();

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>
    /// Picks <paramref name="itemText"/> in a MudSelect and waits until the choice has reached the server (it renders the
    /// select's hidden value), so the next step cannot overtake it on a busy machine.
    /// </summary>
    public static async Task Choose(IPage page, ILocator select, string itemText)
    {
        var input = select.Locator("input").First;
        var before = await input.InputValueAsync();
        await select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = itemText }).First.ClickAsync();
        for (var i = 0; i < 150 && await input.InputValueAsync() == before; i++) await Task.Delay(100); // unchanged when it was chosen already
    }

    /// <summary>A fresh browser context (own cookies) with the given viewport width.</summary>
    public async Task<IPage> NewPage(int width = 1280, int height = 800)
    {
        if (Browser is null) Assert.Skip(UnavailableReason ?? "no browser");
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "zh-CN",
        });
        // Generous waits: the journeys share two cores with the other test project, which runs at the same time.
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, name + ".png"), FullPage = true });

    public string Output { get { lock (output) return string.Join('\n', output); } }

    /// <summary>Settings a derived server adds to the app's environment before it starts.</summary>
    protected virtual void AddSettings(IDictionary<string, string?> environment) { }

    private async Task WaitUntilReady()
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(300); // a first start with --seed-demo hashes ten passwords: minutes on a busy machine
        while (DateTime.UtcNow < deadline)
        {
            if (process!.HasExited) throw new InvalidOperationException($"Keqing exited early:\n{Output}");
            try
            {
                if ((await http.GetAsync($"{BaseUrl}/health/ready")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"Keqing did not become ready:\n{Output}");
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process?.Dispose();
        // The app's own warnings and errors, for a failed journey: dotnet test prints this output only when a test failed.
        string[] problems;
        lock (output) problems = output.Where((line, i) => line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("warn:", StringComparison.Ordinal)
            || (i > 0 && (output[i - 1].StartsWith("fail:", StringComparison.Ordinal) || output[i - 1].StartsWith("warn:", StringComparison.Ordinal)))).TakeLast(60).ToArray();
        if (problems.Length > 0) Console.WriteLine("Keqing (E2E app) warnings and errors:\n" + string.Join('\n', problems));
        if (database is not null)
            foreach (var f in new[] { database, database + "-wal", database + "-shm" }) File.Delete(f);
        GC.SuppressFinalize(this);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Keqing.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Keqing.slnx not found above the test binaries.");
    }
}
