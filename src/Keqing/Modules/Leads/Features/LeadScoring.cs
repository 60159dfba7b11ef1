using Keqing.Modules.Leads.Domain;

namespace Keqing.Modules.Leads.Features;

/// <summary>A lead's score by the admin's profile and behaviour rules, with the reason for every point (DOMAIN S1).</summary>
public sealed class LeadScoring
{
    /// <summary>Recomputes <see cref="Lead.Score"/> from the rules in force (and tells the owner when it crosses the hot threshold).</summary>
    // TODO(package S): the rules, decay and the hot notification.
    public Task Rescore(Lead lead, CancellationToken ct) => Task.CompletedTask;
}
