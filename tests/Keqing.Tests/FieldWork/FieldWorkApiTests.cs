using System.Net.Http.Json;
using Keqing.Infrastructure.Data;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.FieldWork.Contracts;
using Keqing.Modules.FieldWork.Domain;
using Keqing.Modules.Identity.Contracts;
using Keqing.Tests.Customers;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Opportunities;
using Keqing.Tests.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.FieldWork;

/// <summary>
/// Field work through the API on both providers (DOMAIN C9): check-in/check-out pairs and time on site, consent (no
/// consent, no coordinates), the open-visit rules, photos, the timeline, the team's day by time zone and record access,
/// masking and erasure of locations, customers' locations, customers near a point, and the map settings.
/// </summary>
public abstract class FieldWorkApiTests(ClockedKeqingApp app)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private sealed record Team(HttpClient Admin, HttpClient Manager, Guid ManagerId, Guid TeamId, HttpClient Rep, Guid RepId, HttpClient Rep2, Guid Rep2Id);

    private async Task<Team> People()
    {
        var admin = await app.AdminClient();
        var manager = await admin.CreateUser(Roles.SalesManager);
        var team = await admin.CreateTeam(managerId: manager.Id);
        var rep = await admin.CreateUser(Roles.SalesRep, team.Id);
        var rep2 = await admin.CreateUser(Roles.SalesRep, team.Id);
        return new Team(admin, await app.ClientFor(manager.Email), manager.Id, team.Id, await app.ClientFor(rep.Email), rep.Id,
            await app.ClientFor(rep2.Email), rep2.Id);
    }

    private async Task<Visit> Stored(Guid visitId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KeqingDb>().Set<Visit>().AsNoTracking().SingleAsync(v => v.Id == visitId);
    }

    [Fact]
    public async Task A_check_in_and_check_out_pair_gives_the_time_on_site_and_one_timeline_entry()
    {
        var t = await People();
        var customer = await t.Rep.NewCustomer();
        var visit = await t.Rep.CheckIn(customer.Id, 31.2304, 121.4737, accuracyM: 12, notes: "门店陈列检查");
        (visit.UserId, visit.TeamId, visit.CustomerName, visit.Consent).Should().Be((t.RepId, (Guid?)t.TeamId, customer.Name, true));
        (visit.CheckInLat, visit.CheckInLng, visit.CheckInAccuracyM).Should().Be(((double?)31.2304, (double?)121.4737, (double?)12));
        visit.CheckOutAt.Should().BeNull();
        (await (await t.Rep.GetAsync("/api/visits/open")).Read<VisitDto>()).Id.Should().Be(visit.Id);

        // One open visit at a time.
        var second = await t.Rep.PostAsJsonAsync("/api/visits/check-in", new { customerId = customer.Id, consent = false }, ApiHelpers.Json);
        await second.ShouldBe(409);

        app.Clock.Advance(TimeSpan.FromMinutes(47));
        var done = await t.Rep.CheckOut(visit.Id, notes: "补货 20 箱");
        done.MinutesOnSite.Should().Be(47);
        (done.CheckOutLat, done.CheckOutLng).Should().Be(((double?)31.2305, (double?)121.4738));
        done.Notes.Should().Be("补货 20 箱");
        (await t.Rep.GetAsync("/api/visits/open")).StatusCode.Should().Be(System.Net.HttpStatusCode.NoContent);

        await (await t.Rep.PostAsJsonAsync("/api/visits/check-out", new { visitId = visit.Id }, ApiHelpers.Json)).ShouldBe(409);
        // Someone else's visit: a colleague cannot see it (404); the manager sees it but cannot check it out (403).
        await (await t.Rep2.PostAsJsonAsync("/api/visits/check-out", new { visitId = visit.Id }, ApiHelpers.Json)).ShouldBe(404);
        await (await t.Manager.PostAsJsonAsync("/api/visits/check-out", new { visitId = visit.Id }, ApiHelpers.Json)).ShouldBe(403);

        var timeline = await t.Rep.Timeline(customer.Id);
        var entry = timeline.Items.Should().ContainSingle(e => e.SourceModule == "field").Which;
        (entry.Type, entry.Channel, entry.SourceId, entry.UserId).Should().Be(("visit", "visit", visit.Id, (Guid?)t.RepId));
        entry.Title.Should().Contain(customer.Name);
        entry.Summary.Should().Contain("47").And.Contain("补货 20 箱");
    }

    [Fact]
    public async Task Without_consent_no_coordinates_are_stored_whatever_was_sent()
    {
        var t = await People();
        var customer = await t.Rep.NewCustomer();
        var visit = await t.Rep.CheckIn(customer.Id, 31.2, 121.4, consent: false, accuracyM: 10);
        (visit.CheckInLat, visit.CheckInLng, visit.CheckInAccuracyM).Should().Be(((double?)null, (double?)null, (double?)null));
        await (await t.Rep.PostAsJsonAsync("/api/visits/check-out", new { visitId = visit.Id, lat = 31.3, lng = 121.5, accuracyM = 5 }, ApiHelpers.Json)).ShouldBe(200);
        var stored = await Stored(visit.Id);
        new[] { stored.CheckInLat, stored.CheckInLng, stored.CheckInAccuracyM, stored.CheckOutLat, stored.CheckOutLng, stored.CheckOutAccuracyM }
            .Should().OnlyContain(v => v == null);
        stored.Consent.Should().BeFalse();
        stored.CheckOutAt.Should().NotBeNull();

        // Making the point the customer's location needs consent too.
        var refused = await t.Rep.PostAsJsonAsync("/api/visits/check-in",
            new { customerId = customer.Id, lat = 31.2, lng = 121.4, consent = false, setAsCustomerLocation = true }, ApiHelpers.Json);
        await refused.ShouldBe(400);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("setAsCustomerLocation");
        (await (await t.Rep.GetAsync($"/api/customers/{customer.Id}/location")).Read<CustomerLocationDto>()).Latitude.Should().BeNull();
    }

    [Fact]
    public async Task Bad_check_ins_and_check_outs_are_400s_naming_every_field()
    {
        var t = await People();
        var mine = await t.Rep.NewCustomer();
        var theirs = await t.Rep2.NewCustomer();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var bad = await t.Rep.PostAsJsonAsync("/api/visits/check-in",
            new { customerId = mine.Id, lat = 91, accuracyM = -1, at = now.AddHours(2), consent = true, notes = new string('x', 4001) }, ApiHelpers.Json);
        await bad.ShouldBe(400);
        var text = await bad.Content.ReadAsStringAsync();
        foreach (var field in new[] { "\"lat\"", "\"lng\"", "\"accuracyM\"", "\"at\"", "\"notes\"" }) text.Should().Contain(field);
        var old = await t.Rep.PostAsJsonAsync("/api/visits/check-in", new { customerId = mine.Id, at = now.AddDays(-2), consent = false }, ApiHelpers.Json);
        await old.ShouldBe(400);
        (await old.Content.ReadAsStringAsync()).Should().Contain("\"at\"");
        // A customer one may not see, or none at all, is an unknown customer.
        foreach (var id in new[] { theirs.Id, Guid.NewGuid(), Guid.Empty })
        {
            var unknown = await t.Rep.PostAsJsonAsync("/api/visits/check-in", new { customerId = id, consent = false }, ApiHelpers.Json);
            await unknown.ShouldBe(400);
            (await unknown.Content.ReadAsStringAsync()).Should().Contain("customerId");
        }
        var nobody = await t.Rep.PostAsJsonAsync("/api/visits/check-out", new { visitId = Guid.NewGuid(), lng = 500 }, ApiHelpers.Json);
        await nobody.ShouldBe(400);
        (await nobody.Content.ReadAsStringAsync()).Should().Contain("\"lng\"").And.Contain("\"lat\"");
        await (await t.Rep.PostAsJsonAsync("/api/visits/check-out", new { visitId = Guid.NewGuid() }, ApiHelpers.Json)).ShouldBe(404);
    }

    [Fact]
    public async Task A_manager_sees_the_teams_day_in_their_time_zone_and_a_rep_only_their_own()
    {
        var t = await People();
        var other = await t.Admin.CreateUser(Roles.SalesManager);
        var otherTeam = await t.Admin.CreateTeam(managerId: other.Id);
        var otherManager = await app.ClientFor(other.Email);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, Shanghai));
        var midnight = TimeZoneInfo.ConvertTimeToUtc(today.ToDateTime(TimeOnly.MinValue), Shanghai);

        var a = await t.Rep.NewCustomer();
        var b = await t.Rep2.NewCustomer();
        // 00:30 today in Shanghai is today; 23:30 yesterday is not, though both are the same day in UTC terms or not.
        var early = await t.Rep.CheckIn(a.Id, at: midnight.AddMinutes(30));
        await t.Rep.CheckOut(early.Id);
        var late = await t.Rep2.CheckIn(b.Id, at: midnight.AddMinutes(-30), consent: false);
        await t.Rep2.CheckOut(late.Id);
        var now2 = await t.Rep2.CheckIn(b.Id);

        var day = await t.Manager.Day(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        day.TimeZone.Should().Be("Asia/Shanghai");
        day.Visits.Select(v => v.Id).Should().Equal(early.Id, now2.Id);
        (await t.Manager.Day(today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))).Visits.Select(v => v.Id).Should().Equal(late.Id);
        (await t.Manager.Day(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), t.TeamId)).Visits.Should().HaveCount(2);
        (await t.Manager.Day()).Visits.Select(v => v.Id).Should().Equal(early.Id, now2.Id);

        (await t.Rep.Day(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))).Visits.Select(v => v.Id).Should().Equal(early.Id);
        (await t.Rep2.Day(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))).Visits.Select(v => v.Id).Should().Equal(now2.Id);
        (await otherManager.Day(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))).Visits.Should().BeEmpty();
        (await otherManager.Day(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), t.TeamId)).Visits.Should().BeEmpty();
        (await t.Admin.Day(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), otherTeam.Id)).Visits.Should().BeEmpty();
        await (await otherManager.GetAsync($"/api/visits/{early.Id}")).ShouldBe(404);
        (await (await t.Manager.GetAsync($"/api/visits/{early.Id}")).Read<VisitDto>()).MinutesOnSite.Should().NotBeNull();

        var bad = await t.Manager.GetAsync("/api/visits?date=24/11/2026");
        await bad.ShouldBe(400);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("date");
        await t.Rep2.CheckOut(now2.Id);
    }

    [Fact]
    public async Task Visit_coordinates_are_masked_for_a_role_that_does_not_see_private_data()
    {
        var t = await People();
        var customer = await t.Rep.NewCustomer();
        var visit = await t.Rep.CheckIn(customer.Id, 31.11, 121.22);
        await t.Rep.CheckOut(visit.Id);
        // The manager sees private data by default; an admin only reveals it (docs/privacy.md), so the coordinates are masked.
        var seen = await (await t.Manager.GetAsync($"/api/visits/{visit.Id}")).Read<VisitDto>();
        (seen.CheckInLat, seen.Masked.Count).Should().Be(((double?)31.11, 0));
        var masked = await (await t.Admin.GetAsync($"/api/visits/{visit.Id}")).Read<VisitDto>();
        (masked.CheckInLat, masked.CheckInLng, masked.CheckOutLat, masked.CheckOutLng).Should().Be(((double?)null, (double?)null, (double?)null, (double?)null));
        masked.Masked.Should().BeEquivalentTo("checkInLat", "checkInLng", "checkOutLat", "checkOutLng");
        masked.CustomerName.Should().Be(customer.Name);
        var listed = (await t.Admin.Day()).Visits.Single(v => v.Id == visit.Id);
        (listed.CheckInLat, listed.Masked.Count).Should().Be(((double?)null, 4));
    }

    [Fact]
    public async Task Photos_are_checked_by_content_and_size_and_read_only_by_who_may_see_the_visit()
    {
        var t = await People();
        var customer = await t.Rep.NewCustomer();
        var visit = await t.Rep.CheckIn(customer.Id);
        var png = FieldWorkApi.Png(300);
        var added = await t.Rep.UploadPhoto(visit.Id, png);
        await added.ShouldBe(201);
        var photo = await added.Read<VisitPhotoDto>();
        (photo.ContentType, photo.Size, photo.FileName).Should().Be(("image/png", 300, "门头.png"));
        var read = await t.Manager.GetAsync($"/api/visit-photos/{photo.Id}");
        await read.ShouldBe(200);
        (await read.Content.ReadAsByteArrayAsync()).Should().Equal(png);
        read.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        (await (await t.Rep.GetAsync($"/api/visits/{visit.Id}")).Read<VisitDto>()).Photos.Should().ContainSingle(p => p.Id == photo.Id);

        var text = await t.Rep.UploadPhoto(visit.Id, "<script>alert(1)</script>"u8.ToArray(), "x.jpg", "image/jpeg");
        await text.ShouldBe(400);
        (await text.Content.ReadAsStringAsync()).Should().Contain("file");
        var big = FieldWorkApi.Png(Rules.MaxPhotoBytes + 1);
        await (await t.Rep.UploadPhoto(visit.Id, big)).ShouldBe(400);
        await (await t.Rep.PostAsync($"/api/visits/{visit.Id}/photos", JsonContent.Create(new { file = "x" }))).ShouldBe(400);
        await (await t.Rep2.UploadPhoto(visit.Id, png)).ShouldBe(404);
        await (await t.Manager.UploadPhoto(visit.Id, png)).ShouldBe(403);
        await (await t.Rep2.GetAsync($"/api/visit-photos/{photo.Id}")).ShouldBe(404);
        await (await t.Rep.GetAsync($"/api/visit-photos/{Guid.NewGuid()}")).ShouldBe(404);
        await t.Rep.CheckOut(visit.Id);
    }

    [Fact]
    public async Task Erasing_a_person_erases_the_locations_notes_and_photos_of_the_visits_at_them()
    {
        var t = await People();
        var person = await CustomerApiTests.Create(t.Rep, new { kind = "person", name = ApiHelpers.Unique("王女士"), phones = new[] { "13912345678" } });
        await t.Rep.Place(person.Id, 31.2, 121.5);
        var visit = await t.Rep.CheckIn(person.Id, 31.2001, 121.5001, notes: "在客户家中演示");
        await t.Rep.UploadPhoto(visit.Id, FieldWorkApi.Png());
        await t.Rep.CheckOut(visit.Id);

        var export = await t.Admin.GetAsync($"/api/privacy/subjects/customers/{person.Id}/export");
        await export.ShouldBe(200);
        await (await t.Admin.PostAsJsonAsync($"/api/privacy/subjects/customers/{person.Id}/erase", new { reason = "本人书面要求删除" }, ApiHelpers.Json)).ShouldBe(200);

        var stored = await Stored(visit.Id);
        new[] { stored.CheckInLat, stored.CheckInLng, stored.CheckOutLat, stored.CheckOutLng }.Should().OnlyContain(v => v == null);
        stored.Notes.Should().BeNull();
        (stored.CheckInAt, stored.CheckOutAt, stored.OwnerId).Should().Be((visit.CheckInAt, stored.CheckOutAt, t.RepId));
        (await (await t.Rep.GetAsync($"/api/visits/{visit.Id}")).Read<VisitDto>()).Photos.Should().BeEmpty();
        var location = await (await t.Rep.GetAsync($"/api/customers/{person.Id}/location")).Read<CustomerLocationDto>();
        (location.Latitude, location.Source).Should().Be(((double?)null, (CustomerLocationSource?)null));
    }

    [Fact]
    public async Task A_customers_location_is_set_by_who_may_change_it_or_from_a_consented_check_in()
    {
        var t = await People();
        var customer = await t.Rep.NewCustomer();
        var bad = await t.Rep.PutAsJsonAsync($"/api/customers/{customer.Id}/location", new { latitude = 95, longitude = (double?)null }, ApiHelpers.Json);
        await bad.ShouldBe(400);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("latitude").And.Contain("longitude");
        await (await t.Rep2.PutAsJsonAsync($"/api/customers/{customer.Id}/location", new { latitude = 31, longitude = 121 }, ApiHelpers.Json)).ShouldBe(404);
        await (await t.Rep2.GetAsync($"/api/customers/{customer.Id}/location")).ShouldBe(404);

        var placed = await t.Rep.Place(customer.Id, 31.23, 121.47);
        (placed.Latitude, placed.Longitude, placed.Source, placed.Masked).Should().Be(((double?)31.23, (double?)121.47, (CustomerLocationSource?)CustomerLocationSource.Entered, false));
        placed.LocatedAt.Should().Be(app.Clock.GetUtcNow().UtcDateTime);

        var visit = await t.Rep.CheckIn(customer.Id, 31.2401, 121.4801, setAsCustomerLocation: true);
        await t.Rep.CheckOut(visit.Id);
        var moved = await (await t.Manager.GetAsync($"/api/customers/{customer.Id}/location")).Read<CustomerLocationDto>();
        (moved.Latitude, moved.Longitude, moved.Source).Should().Be(((double?)31.2401, (double?)121.4801, (CustomerLocationSource?)CustomerLocationSource.Visit));

        await (await t.Rep.PutAsJsonAsync($"/api/customers/{customer.Id}/location", new { latitude = (double?)null, longitude = (double?)null }, ApiHelpers.Json)).ShouldBe(200);
        (await (await t.Rep.GetAsync($"/api/customers/{customer.Id}/location")).Read<CustomerLocationDto>()).Latitude.Should().BeNull();
    }

    [Fact]
    public async Task Customers_near_me_are_the_visible_ones_within_the_radius_nearest_first()
    {
        var t = await People();
        // Around People's Square (31.2304, 121.4737): about 1.1 km, 3.3 km and 8.9 km north, and one 2 km east of the rep's colleague.
        var near = await t.Rep.NewCustomer();
        var middle = await t.Rep.NewCustomer();
        var far = await t.Rep.NewCustomer();
        var colleague = await t.Rep2.NewCustomer();
        var unplaced = await t.Rep.NewCustomer();
        await t.Rep.Place(near.Id, 31.2404, 121.4737);
        await t.Rep.Place(middle.Id, 31.2604, 121.4737);
        await t.Rep.Place(far.Id, 31.3104, 121.4737);
        await t.Rep2.Place(colleague.Id, 31.2304, 121.4947);

        var within5 = await t.Rep.Nearby(31.2304, 121.4737, 5);
        within5.Select(c => c.Id).Should().Equal(near.Id, middle.Id);
        within5[0].DistanceKm.Should().BeApproximately(1.112, 0.01);
        within5[1].DistanceKm.Should().BeApproximately(3.336, 0.01);
        within5.Should().NotContain(c => c.Id == unplaced.Id);
        (await t.Rep.Nearby(31.2304, 121.4737, 10)).Select(c => c.Id).Should().Equal(near.Id, middle.Id, far.Id);
        (await t.Rep.Nearby(31.2304, 121.4737, 10, limit: 1)).Select(c => c.Id).Should().Equal(near.Id);
        (await t.Manager.Nearby(31.2304, 121.4737, 5)).Select(c => c.Id).Should().Equal(near.Id, colleague.Id, middle.Id);
        (await t.Rep2.Nearby(31.2304, 121.4737, 50)).Select(c => c.Id).Should().Equal(colleague.Id);

        foreach (var query in new[] { "lng=121", "lat=31", "lat=91&lng=121", "lat=31&lng=181", "lat=31&lng=121&radiusKm=51", "lat=31&lng=121&radiusKm=0",
                     "lat=abc&lng=121", "lat=31&lng=121&radiusKm=NaN", "lat=31&lng=121&limit=0", "lat=31&lng=121&limit=2.5", "lat=31&lng=121&limit=201" })
        {
            var response = await t.Rep.GetAsync($"/api/customers/nearby?{query}");
            await response.ShouldBe(400);
        }
        var both = await t.Rep.GetAsync("/api/customers/nearby?radiusKm=80");
        (await both.Content.ReadAsStringAsync()).Should().Contain("\"lat\"").And.Contain("\"lng\"").And.Contain("\"radiusKm\"");
    }

    [Fact]
    public async Task The_map_is_off_until_an_admin_sets_an_https_tile_address()
    {
        var t = await People();
        var settings = await t.Rep.GetAsync("/api/field/settings");
        await settings.ShouldBe(200);
        var current = await settings.Read<FieldSettingsDto>();
        await (await t.Manager.GetAsync("/api/field/tiles?z=3&x=6&y=3")).ShouldBe(404);
        await (await t.Rep.GetAsync("/api/field/tiles?z=3&x=6&y=3")).ShouldBe(403);

        await (await t.Rep.PutWithVersion("/api/field/settings", current.Version, new { tileUrl = "https://t.example.com/{z}/{x}/{y}.png" })).ShouldBe(403);
        foreach (var url in new[] { "http://t.example.com/{z}/{x}/{y}.png", "https://t.example.com/tiles.png", "javascript:alert(1)//{z}{x}{y}", "https://t.example.com/{z}/{x}/{y}\".png" })
        {
            var bad = await t.Admin.PutWithVersion("/api/field/settings", current.Version, new { tileUrl = url });
            await bad.ShouldBe(400);
            (await bad.Content.ReadAsStringAsync()).Should().Contain("tileUrl");
        }
        await (await t.Admin.PutWithVersion("/api/field/settings", null, new { tileUrl = (string?)null })).ShouldBe(428);
        var saved = await t.Admin.PutWithVersion("/api/field/settings", current.Version, new { tileUrl = "https://tiles.example.com/{z}/{x}/{y}.png", tileAttribution = "© 地图供应商" });
        await saved.ShouldBe(200);
        var now = await saved.Read<FieldSettingsDto>();
        (now.TileUrl, now.TileAttribution).Should().Be(("https://tiles.example.com/{z}/{x}/{y}.png", "© 地图供应商"));
        await (await t.Admin.PutWithVersion("/api/field/settings", current.Version, new { tileUrl = (string?)null })).ShouldBe(412);
        await (await t.Manager.GetAsync("/api/field/tiles?z=3&x=8&y=3")).ShouldBe(404); // out of range for zoom 3
        var off = await t.Admin.PutWithVersion("/api/field/settings", now.Version, new { tileUrl = (string?)null });
        await off.ShouldBe(200);
        (await off.Read<FieldSettingsDto>()).TileUrl.Should().BeNull();
    }
}

public sealed class FieldWorkApiTestsOnSqlite(SqliteClockedApp app) : FieldWorkApiTests(app), IClassFixture<SqliteClockedApp>;
public sealed class FieldWorkApiTestsOnPostgres(PostgresClockedApp app) : FieldWorkApiTests(app), IClassFixture<PostgresClockedApp>;
