using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Records;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Privacy.Contracts;

namespace Keqing.Modules.FieldWork.Domain;

/// <summary>
/// A visit to a customer (DOMAIN C9, 外勤拜访): a check-in and later a check-out by one employee, whose record it is
/// (record access: the employee, their team's manager, admin). Coordinates are stored only with the employee's consent;
/// they say where the employee was, so they are the employee's sensitive personal data (category private), and at the
/// customer's premises they also tell where the customer is: erased with the customer's data.
/// </summary>
[RecordType("field.visit")]
public sealed class Visit : IOwnedRecord, IAudited, IVersioned
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid CustomerId { get; set; }
    /// <summary>The employee who made the visit.</summary>
    public Guid OwnerId { get; set; }
    /// <summary>The employee's team at check-in.</summary>
    public Guid? TeamId { get; set; }
    public DateTime CheckInAt { get; set; }
    public DateTime? CheckOutAt { get; set; }
    /// <summary>Whether the employee agreed to store their location with this visit.</summary>
    public bool Consent { get; set; }
    [Personal(Sensitivity.Private)] public double? CheckInLat { get; set; }
    [Personal(Sensitivity.Private)] public double? CheckInLng { get; set; }
    public double? CheckInAccuracyM { get; set; }
    [Personal(Sensitivity.Private)] public double? CheckOutLat { get; set; }
    [Personal(Sensitivity.Private)] public double? CheckOutLng { get; set; }
    public double? CheckOutAccuracyM { get; set; }
    public string? Notes { get; set; }
    public DateTime CreatedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>A photo taken on a visit, stored in the database as the app stores uploads.</summary>
public sealed class VisitPhoto
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid VisitId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public int Size { get; set; }
    public byte[] Content { get; set; } = [];
    public DateTime UploadedAt { get; set; }
}

/// <summary>The one row of Field work's settings: the map tiles' address, none by default (no outside call).</summary>
[RecordType("field.settings")]
public sealed class FieldSettings : IAudited, IVersioned
{
    public static readonly Guid SingletonId = new("6f1e1d7a-0000-4000-8000-000000000001");
    public Guid Id { get; set; } = SingletonId;
    public string? TileUrl { get; set; }
    public string? TileAttribution { get; set; }
    public long Version { get; set; }
}
