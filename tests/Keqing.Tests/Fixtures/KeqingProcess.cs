using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Keqing.Tests.Architecture;

namespace Keqing.Tests.Fixtures;

/// <summary>
/// The built Keqing app as a real process, for crash tests: started on a loopback URL, waited for until
/// <c>/health/ready</c>, its output kept for failure messages, and killed the hard way (SIGKILL) when a test says so.
/// </summary>
public sealed class KeqingProcess : IAsyncDisposable
{
    private readonly List<string> output = [];

    private KeqingProcess(Process process) => Process = process;

    public Process Process { get; }

    /// <summary>The last lines the process wrote to stdout and stderr.</summary>
    public string Output { get { lock (output) return string.Join('\n', output.TakeLast(200)); } }

    /// <summary>The newest build of the app (Debug or Release).</summary>
    public static string Dll() =>
        Directory.GetFiles(Path.Combine(ModuleBoundaryTests.SourceRoot(), "src", "Keqing", "bin"), "Keqing.dll", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc).First();

    /// <summary>A loopback URL on a free port.</summary>
    public static string FreeUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
    }

    /// <summary>Starts the app on <paramref name="baseUrl"/> with the environment <paramref name="configure"/> sets, and waits until it is ready.</summary>
    public static async Task<KeqingProcess> StartAsync(string baseUrl, Action<ProcessStartInfo> configure)
    {
        var dll = Dll();
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\" --urls {baseUrl}")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        configure(start);
        var app = new KeqingProcess(Process.Start(start)!);
        app.Process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (app.output) app.output.Add(e.Data); };
        app.Process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (app.output) app.output.Add(e.Data); };
        app.Process.BeginOutputReadLine();
        app.Process.BeginErrorReadLine();
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (app.Process.HasExited) throw new InvalidOperationException($"Keqing exited early:\n{app.Output}");
            try
            {
                if ((await http.GetAsync($"{baseUrl}/health/ready")).IsSuccessStatusCode) return app;
            }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"Keqing did not become ready:\n{app.Output}");
    }

    /// <summary>SIGKILL on Linux: no shutdown, no flush.</summary>
    public async Task KillAsync()
    {
        Process.Kill();
        await Process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
        }
        Process.Dispose();
    }
}
