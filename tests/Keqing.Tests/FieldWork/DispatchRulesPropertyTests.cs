using CsCheck;
using Keqing.Infrastructure.Http;
using Keqing.Modules.FieldWork.Features;

namespace Keqing.Tests.FieldWork;

/// <summary>
/// A dispatch's window, for random starts and ends around now (minutes, over four months either way): it is accepted
/// exactly when it ends after it starts, lasts at most 12 hours and starts no more than a day ago and within 90 days.
/// </summary>
public sealed class DispatchRulesPropertyTests
{
    private static readonly DateTime Now = new(2026, 12, 5, 2, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_window_is_accepted_exactly_when_it_is_short_forward_and_near()
    {
        Gen.Select(Gen.Int[-180 * 24 * 60, 180 * 24 * 60], Gen.Int[-24 * 60, 24 * 60]).Sample((startMinutes, lengthMinutes) =>
        {
            var from = Now.AddMinutes(startMinutes);
            var to = from.AddMinutes(lengthMinutes);
            var errors = new FieldErrors();
            DispatchRules.CheckWindow(errors, from, to, Now);
            var expected = lengthMinutes > 0 && lengthMinutes <= 12 * 60 && startMinutes >= -24 * 60 && startMinutes <= 90 * 24 * 60;
            return errors.Any == !expected;
        }, iter: 5000);
    }

    [Fact]
    public void Missing_ends_are_named()
    {
        var errors = new FieldErrors();
        DispatchRules.CheckWindow(errors, default, Now, Now);
        errors.Any.Should().BeTrue();
    }
}
