using Keqing.Infrastructure.Modules;
using Keqing.Modules.Calendar.Contracts;
using Keqing.Modules.Calendar.Features;
using Keqing.Modules.Identity.Contracts;

namespace Keqing.Modules.Calendar;

/// <summary>
/// The company's business-hours calendar (weekly hours, holidays and make-up working days, time zone) that lead
/// response clocks, service SLAs and pool recycle rules count in.
/// </summary>
public sealed class CalendarModule : IKeqingModule
{
    public ModuleManifest Manifest { get; } = new("calendar")
    {
        Texts = typeof(Resources.CalendarResource),
        RecordTypes = [typeof(Domain.CompanyCalendar)],
        Capabilities = [new(CalendarCapabilities.Manage, "Set the company's business hours, holidays and make-up working days", [Roles.Admin])],
        Menu =
        [
            new("calendars", "/admin/calendars", "Business calendars", MudBlazor.Icons.Material.Filled.EventAvailable, CalendarCapabilities.Manage, MenuSection.Administration, 75),
        ],
    };

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<CompanyCalendarStore>();
        services.AddScoped<ICompanyCalendar>(sp => sp.GetRequiredService<CompanyCalendarStore>());
    }

    public void MapEndpoints(RouteGroupBuilder api) => Api.CalendarApi.Map(api);
}
