namespace Keqing.Modules.Privacy.Contracts;

/// <summary>
/// Records that an employee went ahead with a contact despite boundary warnings (DOMAIN P4), in the caller's unit of
/// work; every channel that checks boundaries (Timeline now; campaigns and sends later) calls it when it proceeds.
/// </summary>
public interface IBoundaryOverrideLog
{
    /// <summary>Adds one override per warning (saved with the caller's SaveChanges).</summary>
    void Record(Guid userId, Guid customerId, string sourceType, Guid sourceId, IEnumerable<(string Code, string Message)> warnings);
}
