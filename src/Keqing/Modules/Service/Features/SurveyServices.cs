using System.Threading.RateLimiting;
using Keqing.Infrastructure.Events;
using Keqing.Modules.Service.Contracts;
using Microsoft.AspNetCore.RateLimiting;

namespace Keqing.Modules.Service.Features;

/// <summary>The satisfaction loop's services (surveys, the case's loop and review, the report's figures), registered in one place.</summary>
public static class SurveyServices
{
    public static void AddSurveys(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SurveyOptions.Section);
        services.Configure<SurveyOptions>(section);
        services.AddSingleton<SurveyTokens>();
        services.AddScoped<SendCaseSurvey>();
        services.AddScoped<IBeforeCommitHandler<CaseResolved>>(sp => sp.GetRequiredService<SendCaseSurvey>());
        services.AddScoped<CaseMeasures>();
        services.AddScoped<IBeforeCommitHandler<CaseReplied>>(sp => sp.GetRequiredService<CaseMeasures>());
        services.AddScoped<IBeforeCommitHandler<CaseResolved>>(sp => sp.GetRequiredService<CaseMeasures>());
        services.AddScoped<IBeforeCommitHandler<CaseReopened>>(sp => sp.GetRequiredService<CaseMeasures>());
        services.AddScoped<AnswerSurvey>();
        services.AddScoped<SurveyFollowUp>();
        services.AddScoped<CaseLoop>();
        services.AddScoped<ServiceReporting>();
        services.AddScoped<ServiceReportSummary>();
        services.AddScoped<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, ServiceReportMarking>();
        services.AddScoped<Timeline.Contracts.ITaskSubject, CaseTaskSubject>();

        var perMinute = Math.Max(1, (section.Get<SurveyOptions>() ?? new()).AnswersPerMinute);
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(Api.SurveyApi.PublicPostPolicy, http =>
            RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "local", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
            })));
    }
}
