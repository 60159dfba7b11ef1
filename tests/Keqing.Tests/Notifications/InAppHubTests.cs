using System.Globalization;
using Keqing.Modules.Notifications.Features;

namespace Keqing.Tests.Notifications;

/// <summary>The live bell's callback runs in the language of the page that subscribed, not in that of whoever published.</summary>
public sealed class InAppHubTests
{
    [Fact]
    public async Task A_subscriber_is_called_back_in_its_own_language_and_the_publisher_keeps_its_own()
    {
        var hub = new InAppHub();
        var userId = Guid.NewGuid();
        var heard = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
            using var subscription = hub.Subscribe(userId, () =>
            {
                heard.SetResult(CultureInfo.CurrentUICulture.Name);
                return Task.CompletedTask;
            });

            var publisherCulture = await Task.Run(() =>
            {
                CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
                hub.Publish([userId]);
                return CultureInfo.CurrentUICulture.Name;
            }, TestContext.Current.CancellationToken);

            (await heard.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken)).Should().Be("zh-CN");
            publisherCulture.Should().Be("en");
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }
}
