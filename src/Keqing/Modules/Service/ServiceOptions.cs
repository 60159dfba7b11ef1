namespace Keqing.Modules.Service;

/// <summary>Settings under <c>Keqing:Service</c>.</summary>
public sealed class ServiceOptions
{
    /// <summary>How many days after it was resolved a case can be reopened; later, reopening opens a follow-up case linked to it.</summary>
    public int ReopenDays { get; set; } = 7;
    /// <summary>The largest file one may attach to a case.</summary>
    public int MaxAttachmentMegabytes { get; set; } = 10;
    /// <summary>The most a reply email carries as attachments (many mail servers refuse 10–25 MB); its other files go as download links.</summary>
    public int MailAttachmentMegabytes { get; set; } = 10;
    /// <summary>How many days a reply email's download link works.</summary>
    public int FileLinkDays { get; set; } = 30;
}
