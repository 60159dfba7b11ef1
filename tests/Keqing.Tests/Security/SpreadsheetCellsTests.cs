using System.Globalization;
using System.Text;
using CsCheck;
using Keqing.Infrastructure.Http;

namespace Keqing.Tests.Security;

/// <summary>
/// Export cells never start a formula, and text that could not be one is left exactly as it was. What counts as a
/// formula (docs/security.md, T13): a leading tab or CR, or a first visible character that is = + - @ or a full-width or
/// small form of one, after any whitespace, controls or invisible format characters.
/// </summary>
public sealed class SpreadsheetCellsTests
{
    private static readonly char[] Triggers = ['=', '+', '-', '@', '＝', '＋', '－', '＠', '﹦', '﹢', '﹣', '﹫'];
    private static readonly char[] Invisible = [' ', '\t', '\r', '\n', '\u00A0', '\u3000', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u200E', '\u200F', '\u00AD', '\u2028'];

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\",\"点我\")", "'=HYPERLINK(\"http://evil\",\"点我\")")]
    [InlineData("+86 138 0000 0000", "'+86 138 0000 0000")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "'\r=1")]
    [InlineData("\tplain", "'\tplain")] // OWASP: a leading tab or CR is neutralised whatever follows
    [InlineData("上海明远", "上海明远")]
    [InlineData("", "")]
    [InlineData(null, null)]
    public void Known_cells(string? value, string? expected) => SpreadsheetCells.Neutralise(value).Should().Be(expected);

    /// <summary>Item 30: each of these reached a spreadsheet as a live formula.</summary>
    [Theory]
    [InlineData("\u200B=HYPERLINK(\"http://evil\")", "zero-width space: invisible, Sheets and Calc drop it with the whitespace")]
    [InlineData("\uFEFF=1+1", "byte-order mark (zero-width no-break space)")]
    [InlineData("＝HYPERLINK(\"http://evil\")", "full-width equals: Chinese IMEs and office suites fold it to =")]
    [InlineData("＋86 138 0000 0000", "full-width plus")]
    [InlineData("－2+3", "full-width minus")]
    [InlineData("＠SUM(A1)", "full-width at")]
    [InlineData("﹦1+1", "small equals")]
    [InlineData(" =1+1", "a leading space: Google Sheets trims it on import")]
    [InlineData("\u00A0=1+1", "no-break space")]
    [InlineData("\u3000=1+1", "ideographic (full-width) space")]
    [InlineData("\n=1+1", "a line feed before the formula")]
    [InlineData("\u200E\u200B =cmd|' /C calc'!A0", "direction mark, zero-width space and space together")]
    [InlineData("\t", "a tab alone")]
    [InlineData("\r\n@A1", "CR LF")]
    public void A_formula_behind_invisible_or_full_width_characters_is_neutralised(string value, string why) =>
        SpreadsheetCells.Neutralise(value).Should().Be("'" + value, why);

    [Theory]
    [InlineData("\u200B上海明远")]
    [InlineData(" 北京 = 首都")]
    [InlineData("＃1 客户")]
    [InlineData("'=already text")]
    [InlineData("\u200B")]
    [InlineData("   ")]
    public void Text_whose_first_visible_character_is_no_operator_is_kept(string value) =>
        SpreadsheetCells.Neutralise(value).Should().Be(value);

    [Fact]
    public void Every_exported_cell_is_either_unchanged_or_apostrophe_first_and_none_starts_a_formula()
    {
        var invisible = Gen.Int[0, Invisible.Length - 1].Select(i => Invisible[i]).Array[0, 4];
        var trigger = Gen.Int[0, Triggers.Length - 1].Select(i => Triggers[i]);
        Gen.Select(invisible, trigger, Gen.String, Gen.Char.Array[0, 5]).Sample((lead, start, rest, noise) =>
        {
            var hostile = new string(lead) + start + rest;
            SpreadsheetCells.Neutralise(hostile).Should().Be("'" + hostile);
            foreach (var value in new[] { hostile, new string(noise) + rest })
            {
                var cell = SpreadsheetCells.Neutralise(value)!;
                (cell == value || cell == "'" + value).Should().BeTrue();
                if (cell == value) Triggers.Select(c => (int)c).Should().NotContain(FirstVisible(cell));
                if (cell.Length > 0 && cell[0] != '\'') cell[0].Should().NotBe('\t').And.NotBe('\r');
            }
        }, iter: 2000);
    }

    /// <summary>The first character that is not whitespace, a control or an invisible format character; -1 for none.</summary>
    private static int FirstVisible(string s)
    {
        foreach (var r in s.EnumerateRunes())
            if (!Rune.IsWhiteSpace(r) && !Rune.IsControl(r)
                && Rune.GetUnicodeCategory(r) is not (UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator))
                return r.Value;
        return -1;
    }
}
