using Keqing.Infrastructure.Web;
using Keqing.Modules.FieldWork.Contracts;
using MudBlazor;

namespace Keqing.Modules.Service.Pages;

/// <summary>How the case page names a dispatch's status and a technician's outcome.</summary>
public static class CaseDispatchText
{
    [TextKeys]
    public static string Status(DispatchStatus s) => s switch
    {
        DispatchStatus.Planned => "Planned",
        DispatchStatus.Done => "Done",
        DispatchStatus.NeedsParts => "Needs parts",
        _ => "Could not fix",
    };

    public static Color StatusColor(DispatchStatus s) => s switch
    {
        DispatchStatus.Planned => Color.Info,
        DispatchStatus.Done => Color.Success,
        DispatchStatus.NeedsParts => Color.Warning,
        _ => Color.Error,
    };
}
