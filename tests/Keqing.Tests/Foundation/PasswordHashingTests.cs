using System.Buffers.Binary;
using Keqing.Modules.Identity.Domain;
using Keqing.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Keqing.Tests.Foundation;

/// <summary>
/// The test host hashes passwords with one PBKDF2 round, to keep sign-ins cheap; any other environment keeps Identity's
/// full count. Read off the admin's stored hash (format v3: marker, PRF, big-endian round count, …), not only the options.
/// </summary>
public sealed class PasswordHashingTests(SqliteApp testing, ProductionApp production) : IClassFixture<SqliteApp>, IClassFixture<ProductionApp>
{
    [Fact]
    public async Task The_production_host_hashes_with_identitys_default_round_count()
    {
        var defaultRounds = new PasswordHasherOptions().IterationCount;
        defaultRounds.Should().BeGreaterThanOrEqualTo(100_000);
        production.Services.GetRequiredService<IHostEnvironment>().EnvironmentName.Should().Be(Environments.Production);
        production.Services.GetRequiredService<IOptions<PasswordHasherOptions>>().Value.IterationCount.Should().Be(defaultRounds);
        (await AdminHashRounds(production)).Should().Be(defaultRounds);
        (await production.AdminClient()).Dispose(); // and the admin signs in
    }

    [Fact]
    public async Task The_testing_host_hashes_with_one_round()
    {
        testing.Services.GetRequiredService<IHostEnvironment>().EnvironmentName.Should().Be("Testing");
        (await AdminHashRounds(testing)).Should().Be(1);
    }

    private static async Task<int> AdminHashRounds(KeqingApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var admin = await KeqingApp.Service<UserManager<User>>(scope).FindByEmailAsync(KeqingApp.AdminEmail);
        var hash = Convert.FromBase64String(admin!.PasswordHash!);
        hash[0].Should().Be(0x01, "Identity's v3 hash format");
        return (int)BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5, 4));
    }
}

/// <summary>The host on SQLite as it runs in production: the Production environment, nothing else changed.</summary>
public sealed class ProductionApp(PostgresServer postgres) : KeqingApp(postgres, Provider.Sqlite)
{
    protected override void Configure(IWebHostBuilder builder) => builder.UseEnvironment(Environments.Production);
}
