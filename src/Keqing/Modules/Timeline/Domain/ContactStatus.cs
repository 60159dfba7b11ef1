namespace Keqing.Modules.Timeline.Domain;

/// <summary>When a customer was last in touch with us: kept with every interaction so "due for contact" needs no scan.</summary>
public sealed class ContactStatus
{
    public Guid CustomerId { get; set; }
    public DateTime LastContactAt { get; set; }
}
