using Keqing.Modules.Leads.Contracts;
using Microsoft.Extensions.Localization;

namespace Keqing.Modules.Leads.Pages;

/// <summary>The English resource keys for the values the lead rule and response pages show.</summary>
public static class RuleLabels
{
    public static string Source(IStringLocalizer l, LeadSource source) => source switch
    {
        LeadSource.WebForm => l["Web form"],
        LeadSource.TradeShow => l["Trade show"],
        LeadSource.Campaign => l["Campaign"],
        LeadSource.Referral => l["Referral"],
        LeadSource.Import => l["Import"],
        _ => l["Manual"],
    };

    public static string Size(IStringLocalizer l, CompanySize size) => size switch
    {
        CompanySize.Micro => l["Micro (under 10)"],
        CompanySize.Small => l["Small (10–99)"],
        CompanySize.Medium => l["Medium (100–499)"],
        CompanySize.Large => l["Large (500–1999)"],
        CompanySize.Enterprise => l["Enterprise (2000 and more)"],
        _ => l["Unknown size"],
    };

    public static string Target(IStringLocalizer l, AssignmentTarget target) => target switch
    {
        AssignmentTarget.TeamRoundRobin => l["Round-robin over a team"],
        AssignmentTarget.TeamFewestOpen => l["Team member with fewest open leads"],
        _ => l["A user"],
    };
}
