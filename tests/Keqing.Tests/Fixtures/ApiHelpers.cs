using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Keqing.Modules.Identity.Contracts;

namespace Keqing.Tests.Fixtures;

/// <summary>Short ways to set up users and teams through the API, as an admin would.</summary>
public static class ApiHelpers
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    public static async Task<TeamDto> CreateTeam(this HttpClient admin, string? name = null, Guid? managerId = null)
    {
        var response = await admin.PostAsJsonAsync("/api/teams", new { name = name ?? Unique("team"), managerId });
        await response.ShouldBe(201);
        return (await response.Content.ReadFromJsonAsync<TeamDto>(Json))!;
    }

    public static async Task<UserDto> CreateUser(this HttpClient admin, string role, Guid? teamId = null, string? email = null)
    {
        var response = await admin.PostAsJsonAsync("/api/users", new
        {
            email = email ?? $"{Unique(role.ToLowerInvariant())}@example.com",
            displayName = Unique("用户"),
            password = KeqingApp.Password,
            roles = new[] { role },
            teamId,
        });
        await response.ShouldBe(201);
        return (await response.Content.ReadFromJsonAsync<UserDto>(Json))!;
    }

    public static async Task<T> Read<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(Json))!;

    /// <summary>Asserts the status code and shows the body when it differs.</summary>
    public static async Task ShouldBe(this HttpResponseMessage response, int status)
    {
        if ((int)response.StatusCode != status)
            Assert.Fail($"Expected {status} but got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
