using Keqing.Infrastructure.Data;

namespace Keqing.Modules.Notifications.Domain;

/// <summary>
/// A file of an outbound email (<see cref="OutboxMessage"/> on the email channel), copied when the email is queued so that
/// every retry sends exactly what was queued, whatever happens to the file where it came from.
/// </summary>
public sealed class OutboxAttachment
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid OutboxMessageId { get; set; }
    /// <summary>Its place among the email's files.</summary>
    public int Order { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public byte[] Content { get; set; } = [];
}
