using Keqing.Modules.Identity.Contracts;

namespace Keqing.Tests.Security;

/// <summary>Who writes and who publishes in the knowledge base (KbModule's manifest); everyone signed in reads.</summary>
public static class KbAccessRules
{
    /// <summary>kb.articles.write: drafts.</summary>
    public static readonly string[] Writers = [Roles.Admin, Roles.ServiceManager, Roles.ServiceAgent];
    /// <summary>kb.articles.manage: publish, archive, delete drafts.</summary>
    public static readonly string[] Publishers = [Roles.Admin, Roles.ServiceManager];
}
