namespace Keqing.Infrastructure.Data;

/// <summary>A record updated under optimistic concurrency: its Version is its ETag and goes up by one on every save.</summary>
public interface IVersioned
{
    long Version { get; set; }
}
