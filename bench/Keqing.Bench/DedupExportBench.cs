using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using Keqing.Infrastructure.Auth;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Features;
using Keqing.Modules.Identity.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Bench;

/// <summary>
/// Issue 4's bars through the app's own handlers: the duplicate scan of every loaded customer (<see cref="DuplicateScan"/>:
/// pairs compared against 20 × N, time, pairs found, skipped blocks) and a CSV export of the whole list as an admin
/// (<see cref="ExportCustomers"/>, to a temporary file: time, rows, bytes), each with the process's peak managed heap and
/// working set sampled while it runs.
/// </summary>
public static class DedupExportBench
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddLogging();
        services.AddLocalization();
        services.AddScoped<CustomFields>();
        services.AddScoped<IUserDirectory, Keqing.Modules.Identity.Features.UserDirectory>();
        services.AddScoped<ExportCustomers>();
        services.AddScoped<DuplicateScan>();
    }

    public static async Task<string> Run(IServiceProvider provider, BenchOptions options, CancellationToken ct)
    {
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"# Duplicate scan and export — {options.Provider}, {options.Customers:N0} customers").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.").AppendLine();

        DuplicateScanResult? scan = null;
        var (scanTime, scanHeap, scanSet) = await Measure(async () =>
        {
            await using var scope = provider.CreateAsyncScope();
            scan = await scope.ServiceProvider.GetRequiredService<DuplicateScan>().Run(ct);
        });
        var perCustomer = scan!.Customers == 0 ? 0 : (double)scan.PairsCompared / scan.Customers;
        report.AppendLine("## Duplicate scan (`DuplicateScan.Run`, blocking keys)").AppendLine();
        report.AppendLine("| customers | pairs compared | pairs / customer | bar ≤ 20 × N | likely duplicates | blocks skipped | time | peak heap | peak working set |");
        report.AppendLine("| ---: | ---: | ---: | :---: | ---: | ---: | ---: | ---: | ---: |");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"| {scan.Customers:N0} | {scan.PairsCompared:N0} | {perCustomer:N2} | {(scan.PairsCompared <= 20 * scan.Customers ? "met" : "MISSED")} | {scan.PairsFound:N0} | {scan.SkippedBlocks.Count} | {scanTime.TotalSeconds:N1} s | {Mb(scanHeap)} | {Mb(scanSet)} |");
        report.AppendLine();
        if (scan.SkippedBlocks.Count > 0)
            report.AppendLine("Skipped blocks (first ones): " + string.Join("; ", scan.SkippedBlocks.Take(10))).AppendLine();

        var file = Path.Combine(Path.GetTempPath(), $"keqing-export-{Guid.NewGuid():N}.csv");
        long bytes = 0, rows = 0;
        try
        {
            var (exportTime, exportHeap, exportSet) = await Measure(async () =>
            {
                await using var scope = provider.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CurrentUser>().Principal = new ClaimsPrincipal(new ClaimsIdentity(
                    [new Claim(ClaimTypes.NameIdentifier, "0190a000-0000-7000-8000-000000000001"), new Claim(ClaimTypes.Role, Roles.Admin)], "bench"));
                var export = await scope.ServiceProvider.GetRequiredService<ExportCustomers>().Prepare(new CustomerQuery(), null, ct);
                await using var stream = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
                await export.WriteCsv(stream, ct);
            });
            bytes = new FileInfo(file).Length;
            await foreach (var _ in File.ReadLinesAsync(file, ct)) rows++;
            rows--; // the header
            report.AppendLine("## CSV export of the whole list as an admin (`ExportCustomers`, list columns, to a file)").AppendLine();
            report.AppendLine("| rows | size | time | rows / s | bar < 30 s | peak heap | peak working set |");
            report.AppendLine("| ---: | ---: | ---: | ---: | :---: | ---: | ---: |");
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {rows:N0} | {Mb(bytes)} | {exportTime.TotalSeconds:N1} s | {rows / exportTime.TotalSeconds:N0} | {(exportTime.TotalSeconds < 30 ? "met" : "MISSED")} | {Mb(exportHeap)} | {Mb(exportSet)} |");
        }
        finally
        {
            File.Delete(file);
        }
        return report.ToString();
    }

    /// <summary>Runs the work and samples the peak managed heap and working set meanwhile (every 20 ms).</summary>
    private static async Task<(TimeSpan Elapsed, long PeakHeap, long PeakWorkingSet)> Measure(Func<Task> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long heap = 0, set = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!stop.IsCancellationRequested)
            {
                heap = Math.Max(heap, GC.GetTotalMemory(false));
                process.Refresh();
                set = Math.Max(set, process.WorkingSet64);
                try { await Task.Delay(20, stop.Token); } catch (OperationCanceledException) { }
            }
        });
        var watch = Stopwatch.StartNew();
        await work();
        watch.Stop();
        await stop.CancelAsync();
        await sampler;
        return (watch.Elapsed, heap, set);
    }

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("N0", CultureInfo.InvariantCulture) + " MB";
}
