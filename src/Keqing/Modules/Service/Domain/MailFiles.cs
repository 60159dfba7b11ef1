namespace Keqing.Modules.Service.Domain;

/// <summary>
/// Which of a reply's files travel inside the email: in the order they were uploaded, each that still fits the
/// email's budget is attached, every other one goes as a download link (so one large file does not push the small
/// ones after it out of the email).
/// </summary>
public static class MailFiles
{
    /// <summary>For each size, whether it is attached (true) or linked (false).</summary>
    public static bool[] Attach(IReadOnlyList<long> sizes, long budget)
    {
        var attach = new bool[sizes.Count];
        var used = 0L;
        for (var i = 0; i < sizes.Count; i++)
        {
            if (sizes[i] > budget - used) continue;
            attach[i] = true;
            used += sizes[i];
        }
        return attach;
    }

    /// <summary>A file size as people read it: 980 KB, 2.4 MB.</summary>
    public static string Size(long bytes) => bytes < 1 << 20
        ? $"{Math.Max(1, (bytes + 1023) / 1024)} KB"
        : (bytes / (double)(1 << 20)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " MB";
}
