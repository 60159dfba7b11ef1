using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Keqing.Infrastructure.Web;
using Keqing.Tests.Fixtures;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Keqing.Tests.Foundation;

/// <summary>
/// Every type the API reads or writes has its own OpenAPI schema name: the use cases' nested <c>Request</c> records
/// used to share one schema <c>Request</c>, so a generated client sent sign-in's shape to create a user.
/// </summary>
public sealed class OpenApiSchemaNameTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Sign_in_and_creating_a_user_have_different_request_schemas()
    {
        using var doc = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"));
        var signIn = RequestSchema(doc, "/api/auth/token");
        var createUser = RequestSchema(doc, "/api/users");
        signIn.Should().NotBe(createUser);
        var schemas = doc.RootElement.GetProperty("components").GetProperty("schemas");
        schemas.TryGetProperty("Request", out _).Should().BeFalse("no schema may be called just 'Request'");
        schemas.GetProperty(createUser).GetProperty("properties").TryGetProperty("roles", out _).Should().BeTrue();
        schemas.GetProperty(signIn).GetProperty("properties").TryGetProperty("roles", out _).Should().BeFalse();
    }

    [Fact]
    public void No_two_types_the_api_reads_or_writes_share_a_schema_name()
    {
        // The naming the host configured for its document, not SchemaNames directly: without it the test must fail.
        var schemaName = app.Services.GetRequiredService<IOptionsMonitor<OpenApiOptions>>().Get("v1").CreateSchemaReferenceId;
        var json = app.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var roots = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(e => e is RouteEndpoint r && r.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => e.Metadata.OfType<IAcceptsMetadata>().Select(a => a.RequestType)
                .Concat(e.Metadata.OfType<IProducesResponseTypeMetadata>().Select(p => p.Type)))
            .OfType<Type>()
            .Where(t => t != typeof(void));
        var seen = new HashSet<Type>();
        foreach (var type in roots) Walk(type, seen);
        seen.Should().HaveCountGreaterThan(50, "the walk reaches the API's types");

        var collisions = seen
            .Select(t => (Type: t, Name: SchemaName(schemaName, json, t)))
            .Where(x => x.Name is not null)
            .GroupBy(x => x.Name)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(x => x.Type.FullName))}")
            .ToList();
        collisions.Should().BeEmpty();
    }

    [Fact]
    public void Nested_and_generic_types_are_named_after_their_declaring_types_and_arguments()
    {
        SchemaNames.Name(typeof(Keqing.Modules.Identity.Features.CreateUser.Request)).Should().Be("CreateUserRequest");
        SchemaNames.Name(typeof(List<Keqing.Modules.Identity.Features.CreateUser.Request>)).Should().Be("ListOfCreateUserRequest");
    }

    private static string? SchemaName(Func<JsonTypeInfo, string?> schemaName, JsonSerializerOptions json, Type type)
    {
        try { return schemaName(json.GetTypeInfo(type)); }
        catch (NotSupportedException) { return null; } // a stream or form file: no JSON schema of its own
    }

    private static string RequestSchema(JsonDocument doc, string path) =>
        doc.RootElement.GetProperty("paths").GetProperty(path).GetProperty("post").GetProperty("requestBody")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()!
            .Split('/').Last();

    // The types a schema is generated for: the type itself, its elements and type arguments, and its public properties'.
    private static void Walk(Type type, HashSet<Type> seen)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsGenericParameter || !seen.Add(type)) return;
        if (type.IsArray) Walk(type.GetElementType()!, seen);
        foreach (var argument in type.GenericTypeArguments) Walk(argument, seen);
        if (type.Assembly != typeof(SchemaNames).Assembly || type.IsEnum || typeof(IEnumerable).IsAssignableFrom(type)) return;
        foreach (var property in type.GetProperties()) Walk(property.PropertyType, seen);
    }
}
