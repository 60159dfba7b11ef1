using CsCheck;
using Keqing.Infrastructure.Http;

namespace Keqing.Tests.Security;

/// <summary>Export cells never start a formula, and text that could not be one is left exactly as it was.</summary>
public sealed class SpreadsheetCellsTests
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\",\"点我\")", "'=HYPERLINK(\"http://evil\",\"点我\")")]
    [InlineData("+86 138 0000 0000", "'+86 138 0000 0000")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "'\r=1")]
    [InlineData("上海明远", "上海明远")]
    [InlineData("", "")]
    [InlineData(null, null)]
    public void Known_cells(string? value, string? expected) => SpreadsheetCells.Neutralise(value).Should().Be(expected);

    [Fact]
    public void No_neutralised_cell_starts_a_formula_and_its_text_is_kept_after_the_apostrophe()
    {
        var hostileStart = Gen.Int[0, FormulaStarts.Length - 1].Select(i => FormulaStarts[i]);
        Gen.Select(Gen.Char.Array[0, 5], hostileStart, Gen.String).Sample((noise, start, rest) =>
        {
            foreach (var value in new[] { start + rest, new string(noise) + rest })
            {
                var cell = SpreadsheetCells.Neutralise(value)!;
                FormulaStarts.Should().NotContain(cell.Length > 0 ? cell[0] : 'x');
                (cell == value || cell == "'" + value).Should().BeTrue();
                if (value.Length > 0 && !FormulaStarts.Contains(value[0])) cell.Should().Be(value);
            }
        }, iter: 2000);
    }
}
