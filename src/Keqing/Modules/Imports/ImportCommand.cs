using System.Globalization;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Imports.Contracts;
using Keqing.Modules.Imports.Features;

namespace Keqing.Modules.Imports;

/// <summary>
/// <c>keqing import &lt;file&gt; --source … --legal-basis … [--mode skip|fillEmpty|overwrite] [--as admin@keqing.local] [--mapping JSON]</c>:
/// the same upload and run as the API, in this process. Prints progress and a summary. Exit code 0 only when every row is
/// accounted for (total = inserted + merged + skipped + failed) and none was rejected; 1 when rows were rejected (their
/// CSV is written next to the file and its path printed) or the run did not complete; 2 for bad arguments or an unreadable file.
/// Running it again on the same file resumes an unfinished run of that file, else finds every row already there.
/// </summary>
public static class ImportCommand
{
    public static async Task<int> Run(IServiceProvider root, string[] args, TextWriter output, CancellationToken ct)
    {
        string? file = null, source = null, basis = null, mode = null, mapping = null, asUser = "admin@keqing.local";
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : "";
            switch (args[i])
            {
                case "--source": source = Next(); break;
                case "--legal-basis": basis = Next(); break;
                case "--mode": mode = Next(); break;
                case "--as": asUser = Next(); break;
                case "--mapping": mapping = Next(); break;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal) || file is not null)
                    {
                        await output.WriteLineAsync($"Unknown argument: {args[i]}");
                        return Usage(output);
                    }
                    file = args[i];
                    break;
            }
        }
        if (file is null) return Usage(output);
        if (!File.Exists(file))
        {
            await output.WriteLineAsync($"No such file: {file}");
            return 2;
        }

        await using var scope = root.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<IUserDirectory>();
        var user = await users.FindByEmail(asUser, ct);
        if (user is not { IsActive: true })
        {
            await output.WriteLineAsync($"No active user {asUser} (--as).");
            return 2;
        }
        var importer = Importer.For(user.Id, await users.RolesOf(user.Id, ct), scope.ServiceProvider.GetRequiredService<Keqing.Infrastructure.Modules.ModuleCatalog>());
        var services = scope.ServiceProvider;
        var get = services.GetRequiredService<GetImport>();

        Guid id;
        bool resumed;
        ImportCreated? created = null;
        try
        {
            await using (var stream = File.OpenRead(file))
                created = await services.GetRequiredService<CreateImport>().Handle(importer, stream, Path.GetFileName(file),
                    new ImportRequest("customers", mapping, mode, source, basis, DryRun: true), ct);
            // The upload stays a draft, which no worker claims, until it is known not to repeat an unfinished run of the
            // same file: queued at once, a worker could start it while the older run resumes, and both would write.
            id = await services.GetRequiredService<ResumeUnfinishedImport>().Handle(importer, created.Id, ct);
            resumed = id != created.Id;
            if (!resumed) await services.GetRequiredService<StartImport>().Handle(importer, id, new StartImportRequest(), ct);
        }
        catch (Exception e) when (e is ValidationFailedException or ForbiddenException)
        {
            if (created is not null) await services.GetRequiredService<CancelImport>().Handle(importer, created.Id, CancellationToken.None); // e.g. no column maps to the name
            if (e is ValidationFailedException v)
                foreach (var (field, messages) in v.Errors) await output.WriteLineAsync($"{field}: {string.Join(" ", messages)}");
            else await output.WriteLineAsync(e.Message);
            return 2;
        }
        if (resumed) await output.WriteLineAsync($"Resuming the unfinished import {id} of the same file.");
        await output.WriteLineAsync($"Import {id}: {file}");

        var runner = root.GetRequiredService<ImportRunner>();
        var lastLine = DateTime.MinValue;
        void Progress(ImportDto p)
        {
            if (DateTime.UtcNow - lastLine < TimeSpan.FromSeconds(1) && p.Status == ImportStatus.Running) return;
            lastLine = DateTime.UtcNow;
            var percent = p.Total == 0 ? 0 : 100.0 * p.Processed / p.Total;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {p.Processed:N0}/{p.Total:N0} rows ({percent:0.0} %): {p.Inserted:N0} inserted, {p.Merged:N0} merged, {p.Skipped:N0} skipped, {p.Failed:N0} failed"));
        }
        ImportDto result;
        if (!await runner.RunOne(id, ct, Progress))
        {
            // Another node holds it (or its lease has not run out yet): follow it until it ends.
            while (true)
            {
                result = await get.Handle(importer, id, ct);
                Progress(result);
                if (result.Status is ImportStatus.Completed or ImportStatus.Failed or ImportStatus.Cancelled) break;
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
                await runner.RunOne(id, ct, Progress);
            }
        }
        result = await get.Handle(importer, id, ct);

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{result.Status}: {result.Total:N0} rows, {result.Inserted:N0} inserted, {result.Merged:N0} merged, {result.Skipped:N0} skipped, {result.Failed:N0} failed."));
        if (result.Error is not null) await output.WriteLineAsync(result.Error);
        if (result.ErrorsUrl is not null)
        {
            var errors = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, Path.GetFileNameWithoutExtension(file) + $".errors-{id:N}.csv");
            await using (var stream = File.Create(errors)) await services.GetRequiredService<ImportErrorsCsv>().Write(importer, id, stream, ct);
            await output.WriteLineAsync($"Rejected rows: {errors}");
        }
        var accounted = result.Total == result.Inserted + result.Merged + result.Skipped + result.Failed;
        return result.Status == ImportStatus.Completed && accounted && result.Failed == 0 ? 0 : 1;
    }

    private static int Usage(TextWriter output)
    {
        output.WriteLine("Usage: keqing import <file.csv|file.xlsx> --source <text> --legal-basis <none|consent|contract|legalObligation|vitalInterest|publicInterest|publiclyDisclosed> [--mode skip|fillEmpty|overwrite] [--as <user email>] [--mapping <JSON>]");
        return 2;
    }
}
