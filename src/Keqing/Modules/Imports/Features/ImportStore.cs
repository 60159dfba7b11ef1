using System.Security.Cryptography;
using System.Text;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Imports.Domain;
using Microsoft.EntityFrameworkCore;

namespace Keqing.Modules.Imports.Features;

/// <summary>What the store learnt about an upload while streaming it into the database.</summary>
public sealed record StoredFile(long Size, string Sha256, byte[] Head, bool ValidUtf8, string TempPath);

/// <summary>
/// Keeps uploads in the database, in 1 MB chunks, so every node can run an import and a restarted node can resume it;
/// a job reads its file back into a temporary file (streamed, never whole in memory).
/// </summary>
public sealed class ImportStore(KeqingDb db)
{
    private const int ChunkSize = 1 << 20;

    /// <summary>Streams an upload into chunks of the (already added and saved) job, hashing it, and keeps a temporary copy to read.</summary>
    public async Task<StoredFile> Save(Guid importId, Stream upload, long maxBytes, CancellationToken ct)
    {
        var temp = TempPath(importId);
        try
        {
            return await Save(importId, upload, maxBytes, temp, ct);
        }
        catch
        {
            Delete(temp); // an aborted upload, a full disk, a failed chunk write: no copy is left behind
            throw;
        }
    }

    private async Task<StoredFile> Save(Guid importId, Stream upload, long maxBytes, string temp, CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var validUtf8 = true;
        var buffer = new byte[ChunkSize];
        char[] chars = new char[ChunkSize + 4];
        var head = Array.Empty<byte>();
        long size = 0;
        var seq = 0;
        await using (var copy = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
        {
            while (true)
            {
                var filled = 0;
                int read;
                while (filled < buffer.Length && (read = await upload.ReadAsync(buffer.AsMemory(filled), ct)) > 0) filled += read;
                if (filled == 0) break;
                size += filled;
                if (size > maxBytes)
                    throw new ValidationFailedException("file", FieldErrors.Text("The file is larger than {0} MB.", maxBytes >> 20));
                if (seq == 0) head = buffer[..Math.Min(filled, 64 * 1024)];
                sha.AppendData(buffer, 0, filled);
                if (validUtf8)
                {
                    try { utf8.GetChars(buffer, 0, filled, chars, 0, flush: false); }
                    catch (DecoderFallbackException) { validUtf8 = false; }
                }
                await copy.WriteAsync(buffer.AsMemory(0, filled), ct);
                db.Add(new ImportChunk { ImportId = importId, Seq = seq++, Data = buffer[..filled] });
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                if (filled < buffer.Length) break;
            }
        }
        if (validUtf8)
        {
            try { utf8.GetChars([], 0, 0, chars, 0, flush: true); }
            catch (DecoderFallbackException) { validUtf8 = false; }
        }
        return new StoredFile(size, Convert.ToHexStringLower(sha.GetHashAndReset()), head, validUtf8, temp);
    }

    /// <summary>Writes a stored upload back into a temporary file (the caller deletes it).</summary>
    public async Task<string> ToTempFile(Guid importId, CancellationToken ct)
    {
        var temp = TempPath(importId);
        try
        {
            await using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            var chunks = db.Set<ImportChunk>().AsNoTracking();
            for (var seq = 0; ; seq++)
            {
                var data = await chunks.Where(c => c.ImportId == importId && c.Seq == seq).Select(c => c.Data).FirstOrDefaultAsync(ct);
                if (data is null) break;
                await file.WriteAsync(data, ct);
            }
            return temp;
        }
        catch
        {
            Delete(temp);
            throw;
        }
    }

    private const string TempPrefix = "keqing-import-";

    private static string TempPath(Guid importId) => Path.Combine(Path.GetTempPath(), $"{TempPrefix}{importId:N}-{Guid.NewGuid():N}.tmp");

    /// <summary>
    /// Removes this node's temporary copies older than <paramref name="olderThan"/>: those of a process that was killed
    /// (a running import rewrites its copy when it resumes). Returns how many it removed.
    /// </summary>
    public static int SweepTempFiles(TimeSpan olderThan, DateTime utcNow)
    {
        var removed = 0;
        foreach (var path in Directory.EnumerateFiles(Path.GetTempPath(), TempPrefix + "*.tmp"))
        {
            if (utcNow - File.GetLastWriteTimeUtc(path) < olderThan) continue;
            Delete(path);
            if (!File.Exists(path)) removed++;
        }
        return removed;
    }

    public static void Delete(string? path)
    {
        try
        {
            if (path is not null) File.Delete(path);
        }
        catch (IOException) { }
    }
}
