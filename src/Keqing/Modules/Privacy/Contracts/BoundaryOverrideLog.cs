using Keqing.Infrastructure.Data;
using Keqing.Modules.Privacy.Domain;

namespace Keqing.Modules.Privacy.Contracts;

/// <summary>
/// Records that an employee went ahead with a contact despite boundary warnings (DOMAIN P4), in the caller's unit of
/// work; every channel that checks boundaries (Timeline now; campaigns and sends later) calls it when it proceeds.
/// </summary>
public sealed class BoundaryOverrideLog(KeqingDb db, TimeProvider clock)
{
    public void Record(Guid userId, Guid customerId, string sourceType, Guid sourceId, IEnumerable<(string Code, string Message)> warnings)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (code, message) in warnings)
            db.Add(new BoundaryOverride
            {
                UserId = userId, CustomerId = customerId, Code = code, Message = message.Length > 500 ? message[..500] : message,
                SourceType = sourceType, SourceId = sourceId, At = now,
            });
    }
}
