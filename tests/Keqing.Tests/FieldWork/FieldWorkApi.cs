using System.Net.Http.Headers;
using System.Net.Http.Json;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.FieldWork.Contracts;
using Keqing.Tests.Fixtures;

namespace Keqing.Tests.FieldWork;

/// <summary>Short ways to check in, check out and place customers through the Field work API in tests.</summary>
public static class FieldWorkApi
{
    public static async Task<VisitDto> CheckIn(this HttpClient client, Guid customerId, double? lat = 31.2304, double? lng = 121.4737, bool consent = true,
        double? accuracyM = 15, DateTime? at = null, string? notes = null, bool setAsCustomerLocation = false)
    {
        var response = await client.PostAsJsonAsync("/api/visits/check-in", new { customerId, lat, lng, accuracyM, at, consent, notes, setAsCustomerLocation }, ApiHelpers.Json);
        await response.ShouldBe(201);
        return await response.Read<VisitDto>();
    }

    public static async Task<VisitDto> CheckOut(this HttpClient client, Guid visitId, double? lat = 31.2305, double? lng = 121.4738, string? notes = null)
    {
        var response = await client.PostAsJsonAsync("/api/visits/check-out", new { visitId, lat, lng, accuracyM = 20, notes }, ApiHelpers.Json);
        await response.ShouldBe(200);
        return await response.Read<VisitDto>();
    }

    public static async Task<CustomerLocationDto> Place(this HttpClient client, Guid customerId, double latitude, double longitude)
    {
        var response = await client.PutAsJsonAsync($"/api/customers/{customerId}/location", new { latitude, longitude }, ApiHelpers.Json);
        await response.ShouldBe(200);
        return await response.Read<CustomerLocationDto>();
    }

    public static async Task<IReadOnlyList<NearbyCustomerDto>> Nearby(this HttpClient client, double lat, double lng, double radiusKm, int limit = 200)
    {
        var response = await client.GetAsync(FormattableString.Invariant($"/api/customers/nearby?lat={lat}&lng={lng}&radiusKm={radiusKm}&limit={limit}"));
        await response.ShouldBe(200);
        return await response.Read<List<NearbyCustomerDto>>();
    }

    public static async Task<TeamDayDto> Day(this HttpClient client, string? date = null, Guid? teamId = null)
    {
        var query = new List<string>();
        if (date is not null) query.Add($"date={date}");
        if (teamId is not null) query.Add($"teamId={teamId}");
        var response = await client.GetAsync("/api/visits" + (query.Count > 0 ? "?" + string.Join("&", query) : ""));
        await response.ShouldBe(200);
        return await response.Read<TeamDayDto>();
    }

    public static async Task<HttpResponseMessage> UploadPhoto(this HttpClient client, Guid visitId, byte[] content, string fileName = "门头.png",
        string contentType = "image/png")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
        return await client.PostAsync($"/api/visits/{visitId}/photos", form);
    }

    /// <summary>The first bytes of a PNG, enough for the type check.</summary>
    public static byte[] Png(int size = 64)
    {
        var bytes = new byte[size];
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        signature.CopyTo(bytes, 0);
        return bytes;
    }
}
