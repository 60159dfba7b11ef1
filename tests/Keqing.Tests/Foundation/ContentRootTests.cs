using Keqing.Tests.Fixtures;

namespace Keqing.Tests.Foundation;

/// <summary>
/// The built app started from another working directory (as a service manager or a published folder does) reads its
/// own appsettings.json: EF's SQL commands stay below Information (they filled 283 MB of log in an hour), and the
/// SQLite file keqing.db goes to the working directory, as the README says.
/// </summary>
[Trait("Category", "Slow")] // runs the app as a process
public sealed class ContentRootTests
{
    [Fact]
    public async Task Started_from_another_folder_the_app_reads_its_appsettings_and_puts_keqing_db_in_the_working_folder()
    {
        var folder = Directory.CreateTempSubdirectory("keqing-cwd-").FullName;
        try
        {
            var url = KeqingProcess.FreeUrl();
            await using (var app = await KeqingProcess.StartAsync(url, start =>
            {
                start.WorkingDirectory = folder;
                start.Environment["KEQING_ADMIN_PASSWORD"] = KeqingApp.AdminPassword;
                start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
                start.Environment.Remove("DOTNET_ENVIRONMENT");
            }))
            {
                using var http = new HttpClient();
                (await http.GetAsync($"{url}/health/ready")).IsSuccessStatusCode.Should().BeTrue();
                await Task.Delay(500); // let the console logger flush
                app.Output.Should().NotContain("Executed DbCommand", "appsettings.json keeps Microsoft.EntityFrameworkCore at Warning");
                app.Output.Should().Contain("Keqing CRM is running at");
                File.Exists(Path.Combine(folder, "keqing.db")).Should().BeTrue(app.Output);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
