using System.Text.Unicode;

namespace Keqing.Modules.Service.Domain;

/// <summary>
/// Which files a case takes: images, PDF, Office documents and plain text, each recognised by its extension AND its
/// first bytes (a renamed executable is refused). The content type stored and served is the one recognised here, never
/// the one the sender declared.
/// </summary>
public static class AttachmentTypes
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Gif = "GIF8"u8.ToArray();
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];

    /// <summary>The content type of a file this module accepts, or null.</summary>
    public static string? Recognise(string fileName, ReadOnlySpan<byte> content)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        return extension switch
        {
            ".png" when content.StartsWith(Png) => "image/png",
            ".jpg" or ".jpeg" when content.StartsWith(Jpeg) => "image/jpeg",
            ".gif" when content.StartsWith(Gif) => "image/gif",
            ".pdf" when content.StartsWith(Pdf) => "application/pdf",
            ".docx" when content.StartsWith(Zip) => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ".xlsx" when content.StartsWith(Zip) => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ".txt" when IsText(content) => "text/plain; charset=utf-8",
            ".csv" when IsText(content) => "text/csv; charset=utf-8",
            ".log" when IsText(content) => "text/plain; charset=utf-8",
            _ => null,
        };
    }

    private static bool IsText(ReadOnlySpan<byte> content) => !content.Contains((byte)0) && Utf8.IsValid(content);

    /// <summary>A file name safe to store and to send back: no path, no control characters, at most 200 characters.</summary>
    public static string SafeName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        name = new string(name.Where(ch => !char.IsControl(ch) && ch is not ('"' or '/' or ':')).ToArray()).Trim();
        if (name.Length == 0) name = "file";
        return name.Length <= 200 ? name : name[^200..];
    }
}
