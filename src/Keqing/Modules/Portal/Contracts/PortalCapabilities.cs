namespace Keqing.Modules.Portal.Contracts;

/// <summary>What the Portal module lets a staff role do (granted in <see cref="PortalModule"/>'s manifest). Contacts hold no capability: they sign in to the portal only.</summary>
public static class PortalCapabilities
{
    /// <summary>Choose whether a portal contact sees only their own cases or all of their organisation's.</summary>
    public const string ManageSettings = "portal.settings.manage";
}

/// <summary>Which cases a signed-in contact sees.</summary>
public enum PortalCaseVisibility { OwnCases, Organisation }

public sealed record PortalSettingsDto(PortalCaseVisibility CaseVisibility, long Version);

public sealed record PortalSettingsInput(PortalCaseVisibility? CaseVisibility);

/// <summary>The signed-in contact.</summary>
public sealed record PortalMeDto(Guid ContactId, string Name, Guid CustomerId, string CustomerName, string Email, PortalCaseVisibility CaseVisibility);

public sealed record PortalLoginRequest(string? Email);

public sealed record PortalSignInRequest(string? Token);

/// <summary>A communication preference: a purpose on a channel, granted or refused.</summary>
public sealed record PortalPreferenceDto(string Purpose, string Channel, bool Granted);

public sealed record PortalPreferencesInput(IReadOnlyList<PortalPreferenceDto>? Preferences);
