using System.Text;
using Keqing.Modules.Imports.Features;

namespace Keqing.Tests.Imports;

/// <summary>The progress total of a CSV import, counted from its line breaks instead of parsing the file.</summary>
public sealed class CsvLineEstimateTests
{
    [Theory]
    [InlineData("a,b\n1,2\n3,4\n", 2)]
    [InlineData("a,b\n1,2\n3,4", 2)]
    [InlineData("a,b\r\n1,2\r\n3,4\r\n", 2)]
    [InlineData("a,b\n", 0)]
    [InlineData("a,b", 0)]
    [InlineData("", 0)]
    // A quoted cell spanning lines counts twice: an estimate, set right when the job completes.
    [InlineData("a,b\n\"x\ny\",2\n", 2)]
    public async Task Counts_the_lines_after_the_header(string csv, int expected)
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, csv, new UTF8Encoding(false));
            (await ImportRunner.CsvLineEstimate(path, default)).Should().Be(expected);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task Counts_across_its_read_buffers()
    {
        var path = Path.GetTempFileName();
        try
        {
            var line = "经销商甲,SKU-0001,2026-10,100,50,30,120\n";
            await File.WriteAllTextAsync(path, "经销商,产品编码,月份,期初库存,进货,销售,期末库存\n" + string.Concat(Enumerable.Repeat(line, 60_000)), new UTF8Encoding(false));
            (await ImportRunner.CsvLineEstimate(path, default)).Should().Be(60_000);
        }
        finally { File.Delete(path); }
    }
}
