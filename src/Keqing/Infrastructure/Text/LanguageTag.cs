namespace Keqing.Infrastructure.Text;

/// <summary>
/// A language tag as Keqing stores one (zh-CN, en, yue-HK): ASCII letters, digits and hyphens, starting with a letter,
/// at most <see cref="MaxLength"/> characters. A case's language and the language a mail declares are both checked here.
/// </summary>
public static class LanguageTag
{
    public const int MaxLength = 35;

    public static bool IsWellFormed(string? value) =>
        value is { Length: > 0 and <= MaxLength } && char.IsAsciiLetter(value[0]) && value.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-');
}
