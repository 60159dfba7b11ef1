using System.Text;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.FieldWork.Contracts;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Imports.Contracts;
using Keqing.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Imports;

/// <summary>
/// Latitude and longitude (纬度/经度) in a customer import on both providers: the template's columns map to them, both or
/// neither, each in range; stored as an imported location, so "customers near me" finds the customer.
/// </summary>
public abstract class CustomerImportLocationTests(KeqingApp app)
{
    private static byte[] Csv(string text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];

    private async Task<HttpClient> SalesManager()
    {
        var admin = await app.AdminClient();
        var user = await admin.CreateUser(Roles.SalesManager, (await admin.CreateTeam()).Id);
        var client = await app.ClientFor(user.Email);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        return client;
    }

    private async Task<List<Customer>> CustomersNamed(string prefix)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<Customer>().AsNoTracking()
            .Where(c => c.Name.StartsWith(prefix)).ToListAsync();
    }

    [Fact]
    public async Task Rows_with_both_coordinates_in_range_are_located_and_found_nearby_the_others_are_rejected_naming_the_cell()
    {
        var client = await SalesManager();
        var p = ApiHelpers.Unique("定位");
        // A spot of its own, so other tests' customers are not nearer.
        var lat = Math.Round(20 + Random.Shared.NextDouble() * 20, 5);
        var lng = Math.Round(80 + Random.Shared.NextDouble() * 40, 5);
        var csv = "公司名称,城市,纬度,经度\r\n" +
                  $"{p}有坐标,上海,{lat.ToString(System.Globalization.CultureInfo.InvariantCulture)}°,{lng.ToString(System.Globalization.CultureInfo.InvariantCulture)}\r\n" +
                  $"{p}无坐标,上海,,\r\n" +
                  $"{p}纬度越界,上海,91,121.5\r\n" +
                  $"{p}只有纬度,上海,31.2,\r\n" +
                  $"{p}不是数字,上海,北纬31度,121.5\r\n";

        var job = await ImportApiTests.Import(client, Csv(csv));

        job.Mapping["纬度"].Should().Be("latitude");
        job.Mapping["经度"].Should().Be("longitude");
        (job.Total, job.Inserted, job.Failed).Should().Be((5, 2, 3));
        var customers = await CustomersNamed(p);
        customers.Select(c => c.Name).Should().BeEquivalentTo([$"{p}有坐标", $"{p}无坐标"]);
        var located = customers.Single(c => c.Name == $"{p}有坐标");
        (located.Latitude, located.Longitude, located.LocationSource).Should().Be((lat, lng, CustomerLocationSource.Imported));
        located.LocatedAt.Should().NotBeNull();
        customers.Single(c => c.Name == $"{p}无坐标").Latitude.Should().BeNull();

        var errors = await client.GetStringAsync(job.ErrorsUrl!);
        errors.Should().Contain("纬度：“91”不是 -90 到 90 之间的数字。")
            .And.Contain("纬度、经度：须同时填写或同时留空。")
            .And.Contain("纬度：“北纬31度”不是 -90 到 90 之间的数字。");

        var near = await (await client.GetAsync(FormattableString.Invariant($"/api/customers/nearby?lat={lat + 0.001}&lng={lng}&radiusKm=1"))).Read<List<NearbyCustomerDto>>();
        near.Should().ContainSingle(c => c.Id == located.Id).Which.DistanceKm.Should().BeLessThan(0.2);
    }

    [Fact]
    public async Task A_location_fills_an_existing_customer_without_one_and_overwrite_moves_it()
    {
        var client = await SalesManager();
        var p = ApiHelpers.Unique("补坐标");
        (await ImportApiTests.Import(client, Csv($"公司名称,城市\r\n{p},南京\r\n"))).Inserted.Should().Be(1);

        var fill = await ImportApiTests.Import(client, Csv($"公司名称,城市,latitude,longitude\r\n{p},南京,32.06,118.79\r\n"), mode: "fillEmpty");
        fill.Merged.Should().Be(1);
        (await CustomersNamed(p)).Single().Should().Match<Customer>(c => c.Latitude == 32.06 && c.Longitude == 118.79);

        var keep = await ImportApiTests.Import(client, Csv($"公司名称,城市,纬度,经度\r\n{p},南京,32.1,118.8\r\n"), mode: "fillEmpty");
        keep.Merged.Should().Be(0);
        (await CustomersNamed(p)).Single().Latitude.Should().Be(32.06);

        await ImportApiTests.Import(client, Csv($"公司名称,城市,纬度,经度\r\n{p},南京,32.1,118.8\r\n"), mode: "overwrite");
        (await CustomersNamed(p)).Single().Should().Match<Customer>(c => c.Latitude == 32.1 && c.Longitude == 118.8);
    }
}

public sealed class CustomerImportLocationTestsOnSqlite(SqliteApp app) : CustomerImportLocationTests(app), IClassFixture<SqliteApp>;
public sealed class CustomerImportLocationTestsOnPostgres(PostgresApp app) : CustomerImportLocationTests(app), IClassFixture<PostgresApp>;
