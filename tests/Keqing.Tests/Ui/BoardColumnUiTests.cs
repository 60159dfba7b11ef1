using System.Globalization;
using Bunit;
using Keqing.Infrastructure.Money;
using Keqing.Modules.Opportunities.Contracts;
using Keqing.Modules.Opportunities.Features;
using Keqing.Modules.Opportunities.Pages;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Keqing.Tests.Ui;

/// <summary>
/// A board column's head shows the stage's count, amount and weighted amount exactly to the fen, the weighted sum
/// rounded once (what <see cref="OpportunityBoard.Weighted"/> computes from the grouped query's sums).
/// </summary>
public sealed class BoardColumnUiTests : BunitContext
{
    public BoardColumnUiTests()
    {
        Services.AddMudServices();
        Services.AddLocalization();
        JSInterop.Mode = JSRuntimeMode.Loose;
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
    }

    [Fact]
    public void The_head_shows_count_amount_and_weighted_amount_to_the_fen()
    {
        // Three deals of ¥0.05 at 10 %: Σ minor × probability = 3 × 5 × 10 = 150 hundredths of a fen → ¥0.02 (¥0.03 if each were rounded).
        var weighted = OpportunityBoard.Weighted(150, "CNY");
        weighted.Should().Be(Money.Of(0.02m));
        var column = new BoardColumn(new StageDto(Guid.NewGuid(), "方案报价", 0, 10, 21), 3,
            [new ColumnTotal(Money.Of(1_234_567.05m), weighted)], []);

        var cut = Render<BoardColumnHeader>(p => p.Add(x => x.Column, column));

        cut.Find(".stage-name").TextContent.Should().Be("方案报价");
        cut.Find(".stage-count").TextContent.Trim().Should().Be("3");
        cut.Find(".stage-amount").TextContent.Should().Contain("¥1,234,567.05").And.Contain("金额");
        cut.Find(".stage-weighted").TextContent.Should().Contain("¥0.02").And.Contain("加权金额");
    }

    [Fact]
    public void Weighing_rounds_half_away_from_zero_once()
    {
        OpportunityBoard.Weighted(49, "CNY").Should().Be(Money.FromMinorUnits(0));
        OpportunityBoard.Weighted(50, "CNY").Should().Be(Money.FromMinorUnits(1));
        OpportunityBoard.Weighted(1_000_000_050, "CNY").Should().Be(Money.FromMinorUnits(10_000_001));
    }
}
