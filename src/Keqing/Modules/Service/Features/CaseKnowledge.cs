using Keqing.Infrastructure.Http;
using Keqing.Modules.Kb.Contracts;

namespace Keqing.Modules.Service.Features;

/// <summary>
/// Knowledge-base articles for a case (DOMAIN V4): when the agent opens it, what its subject and description ask; while
/// they type, what they typed. Only published articles (<see cref="IKnowledgeSuggestions"/>); the agent links one in a reply.
/// </summary>
public sealed class CaseKnowledge(CaseAccess access, IKnowledgeSuggestions suggestions)
{
    public const int MaxText = 2000;
    public const int Count = 5;

    public async Task<IReadOnlyList<KbSuggestion>> Suggest(Guid caseId, string? text, CancellationToken ct)
    {
        if (text is { Length: > MaxText }) throw new ValidationFailedException("text", FieldErrors.Text("At most {0} characters.", MaxText));
        var c = await access.Find(caseId, ct);
        return await suggestions.For(string.IsNullOrWhiteSpace(text) ? $"{c.Subject} {c.Description}" : text, Count, ct);
    }
}
