using Keqing.Modules.Customers;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Features;
using Keqing.Tests.Notifications;
using Microsoft.Extensions.Options;

namespace Keqing.Tests.Customers;

/// <summary>The HTTP business-registry provider against a loopback stub: key header, encoded name, configured JSON mapping.</summary>
public sealed class CompanyRegistryTests
{
    private sealed class Factory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }

    [Fact]
    public async Task The_http_provider_sends_the_key_and_maps_the_configured_fields()
    {
        await using var stub = new RobotStub();
        stub.Answer("/registry", 200, """
            {"code":200,"result":{"list":[
              {"companyName":"上海明远贸易有限公司","uscc":"91350100m000100y43","legalPerson":"张明远","regAddress":"上海市浦东新区","regStatus":"存续"},
              {"companyName":"","uscc":"x"}
            ]}}
            """);
        var options = Options.Create(new CompanyRegistryOptions
        {
            Provider = "http", BaseUrl = $"{stub.BaseUrl}/registry/v2", ApiKey = "k-123", SearchPath = "lookup?keyword={name}&page=1",
            ItemsPath = "result.list",
            Fields = new CompanyFieldNames { Name = "companyName", CreditCode = "uscc", Address = "regAddress", Status = "regStatus" },
        });
        var found = await new HttpCompanyRegistry(new Factory(), options).Search("明远 贸易", 10, default);

        found.Should().Equal(new CompanyRecord("上海明远贸易有限公司", "91350100M000100Y43", "张明远", "上海市浦东新区", "存续"));
        var hit = stub.Hits("/registry").Should().ContainSingle().Subject;
        hit.Path.Should().Be("/registry/v2/lookup");
        hit.Query.Should().Be("?keyword=%E6%98%8E%E8%BF%9C%20%E8%B4%B8%E6%98%93&page=1");
        hit.Authorization.Should().Be("APPCODE k-123");
    }
}
