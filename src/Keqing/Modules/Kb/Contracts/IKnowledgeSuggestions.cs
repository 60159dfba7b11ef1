namespace Keqing.Modules.Kb.Contracts;

/// <summary>
/// Published articles that may answer a free text, best first: what a service agent types about a case, or a
/// customer's question. Words and Chinese character pairs of the text are matched against the titles and tags.
/// </summary>
public interface IKnowledgeSuggestions
{
    Task<IReadOnlyList<KbSuggestion>> For(string? text, int limit, CancellationToken ct = default);
}
