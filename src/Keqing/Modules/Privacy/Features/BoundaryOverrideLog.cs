using Keqing.Infrastructure.Data;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Modules.Privacy.Domain;

namespace Keqing.Modules.Privacy.Features;

/// <summary>Records boundary overrides as rows of the admin's report; see <see cref="IBoundaryOverrideLog"/>.</summary>
public sealed class BoundaryOverrideLog(KeqingDb db, TimeProvider clock) : IBoundaryOverrideLog
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
