namespace Keqing.Modules.Identity.Contracts;

/// <summary>The roles of Keqing; every module's permissions are stated in these names.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string SalesManager = "SalesManager";
    public const string SalesRep = "SalesRep";
    public const string Marketer = "Marketer";
    public const string ServiceAgent = "ServiceAgent";
    public const string ServiceManager = "ServiceManager";
    public const string Analyst = "Analyst";

    public static readonly IReadOnlyList<string> All =
        [Admin, SalesManager, SalesRep, Marketer, ServiceAgent, ServiceManager, Analyst];

    /// <summary>Roles that see the records of the teams they manage (and of their own team).</summary>
    public static readonly IReadOnlyList<string> Managers = [SalesManager, ServiceManager];
}
