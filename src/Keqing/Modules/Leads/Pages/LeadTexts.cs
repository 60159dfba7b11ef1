using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Resources;
using Microsoft.Extensions.Localization;

namespace Keqing.Modules.Leads.Pages;

/// <summary>The localized names of lead statuses, sources, company sizes and activity kinds.</summary>
public static class LeadTexts
{
    public static string Status(IStringLocalizer<LeadsResource> l, LeadStatus s) => s switch
    {
        LeadStatus.New => l["New"], LeadStatus.Contacted => l["Contacted"], LeadStatus.Qualified => l["Qualified"],
        LeadStatus.Disqualified => l["Disqualified"], _ => l["Converted"],
    };

    public static string Source(IStringLocalizer<LeadsResource> l, LeadSource s) => s switch
    {
        LeadSource.WebForm => l["Web form"], LeadSource.TradeShow => l["Trade show"], LeadSource.Campaign => l["Campaign"],
        LeadSource.Referral => l["Referral"], LeadSource.Import => l["Import"], _ => l["Manual"],
    };

    public static string Size(IStringLocalizer<LeadsResource> l, CompanySize s) => s switch
    {
        CompanySize.Micro => l["Micro (under 10)"], CompanySize.Small => l["Small (10–99)"], CompanySize.Medium => l["Medium (100–499)"],
        CompanySize.Large => l["Large (500–1999)"], CompanySize.Enterprise => l["Enterprise (2000+)"], _ => l["Unknown"],
    };

    public static string Activity(IStringLocalizer<LeadsResource> l, LeadActivityKind k) => k switch
    {
        LeadActivityKind.Created => l["Created"], LeadActivityKind.FormSubmitted => l["Form submitted"], LeadActivityKind.Call => l["Call"],
        LeadActivityKind.Email => l["Email"], LeadActivityKind.Meeting => l["Meeting"], LeadActivityKind.Message => l["Message"],
        LeadActivityKind.Note => l["Note"], LeadActivityKind.StatusChanged => l["Status changed"], LeadActivityKind.OwnerChanged => l["Owner changed"],
        LeadActivityKind.Converted => l["Converted"], _ => k.ToString(),
    };
}
