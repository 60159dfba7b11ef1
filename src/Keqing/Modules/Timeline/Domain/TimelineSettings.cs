using Keqing.Infrastructure.Audit;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Infrastructure.Records;

namespace Keqing.Modules.Timeline.Domain;

/// <summary>The company's follow-up rules, set by an admin: contact cadence per grade (T3) and contact boundaries (P4).
/// Days, weeks and quiet hours are counted in the company's time zone, which the business-hours calendar keeps.</summary>
[RecordType("timeline.settings", LegacyName = "TimelineSettings")]
public sealed class TimelineSettings : IAudited, IVersioned
{
    /// <summary>There is one row; its id is fixed.</summary>
    public static readonly Guid SingletonId = new("7e1e11e5-0000-4000-8000-000000000001");

    public Guid Id { get; set; } = SingletonId;
    /// <summary>Days between contacts a customer of grade A … D expects; null: no cadence for that grade.</summary>
    public int? CadenceA { get; set; } = 14;
    public int? CadenceB { get; set; } = 30;
    public int? CadenceC { get; set; } = 60;
    public int? CadenceD { get; set; }
    /// <summary>No outbound contact between these local times (may cross midnight); both null: no quiet hours.</summary>
    public TimeOnly? QuietFrom { get; set; } = new(21, 0);
    public TimeOnly? QuietUntil { get; set; } = new(8, 0);
    /// <summary>At most this many outbound contacts per customer and channel in a calendar week; null: no cap.</summary>
    public int? MaxContactsPerChannelPerWeek { get; set; } = 3;
    public long Version { get; set; }

    public int? CadenceFor(CustomerGrade grade) => grade switch
    {
        CustomerGrade.A => CadenceA,
        CustomerGrade.B => CadenceB,
        CustomerGrade.C => CadenceC,
        CustomerGrade.D => CadenceD,
        _ => null,
    };
}
