using Keqing.Modules.Identity.Domain;
using System.Net.Http.Json;
using Keqing.Modules.Identity.Features;
using Keqing.Tests.Fixtures;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Foundation;

/// <summary>
/// The first admin's generated password (no KEQING_ADMIN_PASSWORD) passes the host's real password validators every
/// time, under the configured policy and under any policy an operator can configure; one in fifteen failed before.
/// </summary>
public sealed class GeneratedPasswordTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Five_thousand_generated_passwords_pass_the_configured_policy()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = KeqingApp.Service<UserManager<User>>(scope);
        users.PasswordValidators.Should().NotBeEmpty();
        for (var i = 0; i < 5000; i++)
            await ShouldPass(users, GeneratedPassword.For(users.Options.Password));
    }

    [Fact]
    public async Task Generated_passwords_pass_every_policy_an_operator_can_configure()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = KeqingApp.Service<UserManager<User>>(scope);
        var configured = users.Options;
        var random = new Random(13);
        try
        {
            for (var i = 0; i < 2000; i++)
            {
                var policy = new PasswordOptions
                {
                    RequiredLength = random.Next(1, 64), RequiredUniqueChars = random.Next(1, 40),
                    RequireDigit = random.Next(2) == 0, RequireLowercase = random.Next(2) == 0,
                    RequireUppercase = random.Next(2) == 0, RequireNonAlphanumeric = random.Next(2) == 0,
                };
                users.Options = new IdentityOptions { Password = policy };
                await ShouldPass(users, GeneratedPassword.For(policy));
            }
        }
        finally { users.Options = configured; }
    }

    [Fact]
    public async Task The_admin_created_without_a_configured_password_signs_in_with_the_generated_one()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = KeqingApp.Service<UserManager<User>>(scope);
        var password = GeneratedPassword.For(users.Options.Password);
        var email = $"generated-{Guid.NewGuid():N}@example.com";
        var result = await users.CreateAsync(new User { Email = email, UserName = email, DisplayName = "生成", CreatedAt = DateTime.UtcNow }, password);
        result.Succeeded.Should().BeTrue(string.Join(" ", result.Errors.Select(e => e.Description)));
        (await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { email, password })).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
    }

    private static async Task ShouldPass(UserManager<User> users, string password)
    {
        var user = new User { Email = "x@example.com", UserName = "x@example.com" };
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            result.Succeeded.Should().BeTrue($"'{password}' under {System.Text.Json.JsonSerializer.Serialize(users.Options.Password)}: "
                + string.Join(" ", result.Errors.Select(e => e.Code)));
        }
    }
}
