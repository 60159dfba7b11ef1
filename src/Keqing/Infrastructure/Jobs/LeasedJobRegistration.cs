using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Keqing.Infrastructure.Jobs;

/// <summary>Registers a background job in one line, from the module that owns it.</summary>
public static class LeasedJobRegistration
{
    /// <summary>
    /// Registers <typeparamref name="TJob"/> as a singleton (the API and tests call it directly) and the loop that runs
    /// it on its <see cref="JobSchedule"/> on this node.
    /// </summary>
    public static IServiceCollection AddLeasedJob<TJob>(this IServiceCollection services) where TJob : class, ILeasedJob
    {
        services.TryAddSingleton<JobLeases>();
        services.AddSingleton<TJob>();
        services.AddSingleton<ILeasedJob>(sp => sp.GetRequiredService<TJob>());
        services.AddHostedService<LeasedJobService<TJob>>();
        return services;
    }
}
