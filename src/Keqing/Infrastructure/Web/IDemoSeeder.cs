namespace Keqing.Infrastructure.Web;

/// <summary>A module's part of the demo company for <c>--seed-demo</c>; seeders run by <see cref="Order"/> and skip data already there.</summary>
public interface IDemoSeeder
{
    int Order { get; }
    Task Seed(CancellationToken ct);
}
