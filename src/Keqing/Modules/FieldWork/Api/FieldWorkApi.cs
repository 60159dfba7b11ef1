using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.FieldWork.Contracts;
using Keqing.Modules.FieldWork.Domain;
using Keqing.Modules.FieldWork.Features;
using Keqing.Infrastructure.Data;
using Microsoft.AspNetCore.Http.Features;

namespace Keqing.Modules.FieldWork.Api;

/// <summary>Visits (check-in, check-out, notes, photos, the day's list), customers near a point, customers' locations, the map's settings.</summary>
public static class FieldWorkApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var visits = api.MapGroup("/visits").WithTags("Field work").RequireAuthorization(FieldWorkCapabilities.Visit);
        visits.MapPost("/check-in", async (CheckInRequest request, CheckIn handler, HttpResponse response, CancellationToken ct) =>
        {
            var visit = await handler.Handle(request, ct);
            Preconditions.SetETag(response, visit.Version);
            return TypedResults.Created($"/api/visits/{visit.Id}", visit);
        }).WithIdempotency()
            .WithSummary("Checks in at a customer one may see; lat, lng and accuracyM are stored only with consent=true; setAsCustomerLocation also makes the point the customer's location. 409 while another visit is open.");
        visits.MapPost("/check-out", (CheckOutRequest request, CheckOut handler, CancellationToken ct) => handler.Handle(request, ct))
            .WithSummary("Checks out of one's own open visit; the time on site is the pair's difference.");
        visits.MapGet("", (string? date, Guid? teamId, Guid? userId, TeamDay handler, CancellationToken ct) => handler.Handle(date, teamId, userId, ct))
            .WithSummary("The visits of a day (date=2026-12-04 in the caller's time zone, default today) that the caller may see: a manager their teams', a rep their own; teamId and userId narrow it.");
        visits.MapGet("/open", async (TeamDay handler, CancellationToken ct) =>
                await handler.OpenVisit(ct) is { } open ? Results.Ok(open) : Results.NoContent())
            .WithSummary("The caller's open visit, or 204.");
        visits.MapGet("/{id:guid}", async (Guid id, VisitNotes handler, HttpResponse response, CancellationToken ct) =>
        {
            var visit = await handler.Get(id, ct);
            Preconditions.SetETag(response, visit.Version);
            return TypedResults.Ok(visit);
        });
        visits.MapPut("/{id:guid}/notes", async (Guid id, VisitNotesRequest request, VisitNotes handler, HttpContext http, CancellationToken ct) =>
        {
            var visit = await handler.Update(id, Preconditions.RequiredVersion(http.Request), request, ct);
            Preconditions.SetETag(http.Response, visit.Version);
            return TypedResults.Ok(visit);
        }).WithSummary("Replaces a visit's notes (If-Match; the person who made it).");
        // No Accepts metadata: routing would answer 415 to any other body before authorization; the handler refuses it with a 400.
        visits.MapPost("/{id:guid}/photos", UploadPhoto).DisableAntiforgery()
            .Produces<VisitPhotoDto>(StatusCodes.Status201Created)
            .WithSummary($"Adds a photo (multipart, field 'file'): JPEG, PNG or WebP by its content, at most {Rules.MaxPhotoBytes >> 20} MB, {Rules.MaxPhotosPerVisit} per visit.");
        api.MapGet("/visit-photos/{id:guid}", async (Guid id, VisitPhotos handler, CancellationToken ct) =>
        {
            var (content, type) = await handler.Get(id, ct);
            return TypedResults.File(content, type);
        }).WithTags("Field work").RequireAuthorization(FieldWorkCapabilities.Visit).WithSummary("A photo of a visit one may see.");

        var customers = api.MapGroup("/customers").WithTags("Field work").RequireAuthorization(FieldWorkCapabilities.Visit);
        customers.MapGet("/nearby", (string? lat, string? lng, string? radiusKm, string? limit, NearbyCustomers handler, CancellationToken ct) =>
                handler.Handle(lat, lng, radiusKm, limit, ct))
            .WithSummary($"The customers one may see within radiusKm (default {NearbyCustomers.DefaultRadiusKm}, at most {Geo.MaxRadiusKm}) of lat/lng, nearest first, with the distance in km; limit ≤ {NearbyCustomers.MaxLimit}.");
        customers.MapGet("/{id:guid}/location", (Guid id, ICustomerLocations locations, CancellationToken ct) => locations.Of(id, ct))
            .WithSummary("A customer's location, where it came from and when (a person's is masked for a role that does not see contact details).");
        customers.MapPut("/{id:guid}/location", async (Guid id, CustomerLocationInput input, ICustomerLocations locations, KeqingDb db, CancellationToken ct) =>
        {
            var location = await locations.Set(id, input.Latitude, input.Longitude, CustomerLocationSource.Entered, ct);
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(location);
        }).WithSummary("Sets a customer's location (latitude, longitude), or clears it with both null; needs write access to the customer.");

        var settings = api.MapGroup("/field/settings").WithTags("Field work");
        settings.MapGet("", async (FieldSettingsStore store, HttpResponse response, CancellationToken ct) =>
        {
            var s = await store.Get(ct);
            Preconditions.SetETag(response, s.Version);
            return TypedResults.Ok(s);
        }).RequireAuthorization(FieldWorkCapabilities.Visit).WithSummary("The map's tile address (null: no map).");
        api.MapGet("/field/tiles", async (int z, int x, int y, MapTiles tiles, HttpResponse response, CancellationToken ct) =>
        {
            var (content, type) = await tiles.Get(z, x, y, ct);
            response.Headers.CacheControl = "private, max-age=86400";
            return TypedResults.File(content, type);
        }).WithTags("Field work").RequireAuthorization(FieldWorkCapabilities.TeamDay)
            .WithSummary("A map tile (?z=&x=&y=) from the configured tile address, fetched by the server (404 when none is configured).");
        settings.MapPut("", async (FieldSettingsInput input, FieldSettingsStore store, HttpContext http, CancellationToken ct) =>
        {
            var s = await store.Update(Preconditions.RequiredVersion(http.Request), input, ct);
            Preconditions.SetETag(http.Response, s.Version);
            return TypedResults.Ok(s);
        }).RequireAuthorization(FieldWorkCapabilities.ManageSettings)
            .WithSummary("Sets the map's tile address, an https template with {z}, {x} and {y}, or none (If-Match).");
    }

    private static async Task<IResult> UploadPhoto(Guid id, HttpContext http, VisitPhotos photos, CancellationToken ct)
    {
        // Who may add a photo is known before the body is read.
        await photos.EnsureMayAdd(id, ct);
        const long max = Rules.MaxPhotoBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = max + (1 << 20);
        if (!http.Request.HasFormContentType)
            throw new ValidationFailedException("file", FieldErrors.Text("Send the photo as multipart/form-data in the field 'file'."));
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = max + (1 << 16), ValueLengthLimit = 1 << 16 }, ct);
        }
        catch (Exception broken) when (broken is InvalidDataException || (broken is IOException && broken is not BadHttpRequestException))
        {
            throw new ValidationFailedException("file", FieldErrors.Text("The upload could not be read (too large or broken multipart)."));
        }
        var file = form.Files.GetFile("file") ?? throw new ValidationFailedException("file", FieldErrors.Text("Required."));
        await using var stream = file.OpenReadStream();
        var photo = await photos.Add(id, file.FileName, stream, file.Length, ct);
        return TypedResults.Created($"/api/visit-photos/{photo.Id}", photo);
    }
}
