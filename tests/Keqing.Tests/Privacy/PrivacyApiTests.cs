using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Keqing.Infrastructure.Data;
using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Privacy.Contracts;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Tests.Customers;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Keqing.Tests.Fixtures.ApiHelpers;

namespace Keqing.Tests.Privacy;

/// <summary>
/// Privacy (DOMAIN P1–P4) through the API on both providers: masking everywhere for a role without the category,
/// search that does not match masked fields, reveal with reason and the access log, grants, consents and marketing
/// eligibility, data-subject export and erasure with suppression, and the boundary-override report.
/// </summary>
public abstract class PrivacyApiTests(KeqingApp app)
{
    private sealed record World(HttpClient Admin, HttpClient Rep, UserDto RepUser, HttpClient Analyst, UserDto AnalystUser,
        CustomerDto Customer, ContactDto Contact, string HealthKey, string Phone, string Email, string[] Secrets);

    /// <summary>
    /// A rep's person customer with every kind of personal data, shared read-write with an analyst (whose role sees no
    /// personal category by default).
    /// </summary>
    private async Task<World> Build()
    {
        var admin = await app.AdminClient();
        var healthKey = "health" + Guid.NewGuid().ToString("N")[..8];
        await (await admin.PostAsJsonAsync("/api/custom-fields", new { key = healthKey, label = "健康状况", type = "text", sensitivity = "health" }, Json)).ShouldBe(201);
        var team = await admin.CreateTeam();
        var repUser = await admin.CreateUser(Roles.SalesRep, team.Id);
        var analystUser = await admin.CreateUser(Roles.Analyst);
        var rep = await app.ClientFor(repUser.Email);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var phone = "139" + Random.Shared.Next(10_000_000, 99_999_999);
        var email = $"p{tag}@example.com";
        var customer = await CustomerApiTests.Create(rep, new
        {
            kind = "person", name = Unique("张三"), phones = new[] { phone }, emails = new[] { email }, address = $"幸福路{tag}号",
            customFields = new Dictionary<string, object> { [healthKey] = $"糖尿病{tag}" }, legalBasis = "contract",
        });
        var contactResponse = await rep.PostAsJsonAsync($"/api/customers/{customer.Id}/contacts", new
        {
            name = Unique("李四"), phones = new[] { "137" + Random.Shared.Next(10_000_000, 99_999_999) }, birthday = "1980-05-06",
            hobbies = $"钓鱼{tag}", notes = $"私事{tag}", family = $"妻子王芳{tag}", legalBasis = "consent",
        }, Json);
        await contactResponse.ShouldBe(201);
        var contact = await contactResponse.Read<ContactDto>();
        await (await rep.PostAsJsonAsync($"/api/customers/{customer.Id}/shares", new { userId = analystUser.Id, canWrite = true })).ShouldBe(201);
        return new World(admin, rep, repUser, await app.ClientFor(analystUser.Email), analystUser, customer, contact, healthKey, phone, email,
            [phone, email, $"幸福路{tag}", $"糖尿病{tag}", $"钓鱼{tag}", $"私事{tag}", $"妻子王芳{tag}", "1980-05-06", contact.Phones[0]]);
    }

    private static async Task<string> Body(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        await response.ShouldBe(200);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task An_unprivileged_role_finds_no_sensitive_value_anywhere()
    {
        var w = await Build();
        await w.Rep.Log(w.Customer.Id, "电话回访", contactIds: [w.Contact.Id]);
        await w.Rep.PutAsJsonAsync($"/api/contacts/{w.Contact.Id}/preferences", new { personalOccasionOptIn = true });
        var name = Uri.EscapeDataString(w.Customer.Name);
        var bodies = new Dictionary<string, string>
        {
            ["customer"] = await Body(w.Analyst, $"/api/customers/{w.Customer.Id}"),
            ["list"] = await Body(w.Analyst, $"/api/customers?q={name}"),
            ["contacts"] = await Body(w.Analyst, $"/api/customers/{w.Customer.Id}/contacts"),
            ["contact"] = await Body(w.Analyst, $"/api/contacts/{w.Contact.Id}"),
            ["customer audit"] = await Body(w.Analyst, $"/api/customers/{w.Customer.Id}/audit"),
            ["audit"] = await Body(w.Analyst, $"/api/audit?entity=customer&id={w.Customer.Id}"),
            ["timeline"] = await Body(w.Analyst, $"/api/customers/{w.Customer.Id}/timeline"),
            ["brief"] = await Body(w.Analyst, $"/api/customers/{w.Customer.Id}/brief"),
            ["export"] = await Body(w.Analyst, $"/api/customers/export?format=csv&q={name}&columns=name,phones,emails,address,cf.{w.HealthKey}"),
        };
        bodies["export"].Should().Contain(w.Customer.Name).And.Contain(Masked.Text, "the export shows the customer, masked");
        foreach (var (where, body) in bodies)
        foreach (var secret in w.Secrets)
            body.Should().NotContain(secret, $"the {where} must not show it to an analyst");

        var customer = await (await w.Analyst.GetAsync($"/api/customers/{w.Customer.Id}")).Read<CustomerDto>();
        customer.Phones.Should().Equal(Masked.Text);
        customer.Address.Should().Be(Masked.Text);
        customer.CustomFields[w.HealthKey].GetString().Should().Be(Masked.Text);
        customer.Masked.Should().BeEquivalentTo("phones", "emails", "address", $"customFields.{w.HealthKey}");
        var contact = await (await w.Analyst.GetAsync($"/api/contacts/{w.Contact.Id}")).Read<ContactDto>();
        contact.Birthday.Should().BeNull();
        contact.Family.Should().Be(Masked.Text);
        contact.Masked.Should().BeEquivalentTo("phones", "emails", "birthday", "hobbies", "notes", "family");
        (await (await w.Analyst.GetAsync($"/api/customers?q={name}")).Read<Page<CustomerDto>>()).Items.Should().ContainSingle();

        // A search must not confirm a value it would mask: by phone or email the analyst finds nothing, the rep finds it.
        foreach (var q in new[] { w.Phone, w.Phone[..7], w.Email })
        {
            (await (await w.Analyst.GetAsync($"/api/customers?q={Uri.EscapeDataString(q)}")).Read<Page<CustomerDto>>()).Items
                .Should().NotContain(c => c.Id == w.Customer.Id, $"searching {q} as an analyst");
            (await (await w.Rep.GetAsync($"/api/customers?q={Uri.EscapeDataString(q)}")).Read<Page<CustomerDto>>()).Items
                .Should().Contain(c => c.Id == w.Customer.Id, $"searching {q} as the rep");
        }
        // An organisation's switchboard is not personal data: it shows and is found.
        var org = await CustomerApiTests.Create(w.Rep, new { kind = "organization", name = Unique("公司"), phones = new[] { "021-5555" + Random.Shared.Next(1000, 9999) } });
        await (await w.Rep.PostAsJsonAsync($"/api/customers/{org.Id}/shares", new { userId = w.AnalystUser.Id })).ShouldBe(201);
        var found = (await (await w.Analyst.GetAsync($"/api/customers?q={Uri.EscapeDataString(org.Phones[0])}")).Read<Page<CustomerDto>>()).Items;
        found.Should().ContainSingle(c => c.Id == org.Id).Which.Phones.Should().Equal(org.Phones);

        // The rep (contact and private life: see; family: reveal; health: none) sees their share.
        var asRep = await (await w.Rep.GetAsync($"/api/contacts/{w.Contact.Id}")).Read<ContactDto>();
        asRep.Hobbies.Should().Be(w.Secrets[4]);
        asRep.Birthday.Should().Be(new DateOnly(1980, 5, 6));
        asRep.Family.Should().Be(Masked.Text);
        (await (await w.Rep.GetAsync($"/api/customers/{w.Customer.Id}")).Read<CustomerDto>()).Masked.Should().Equal($"customFields.{w.HealthKey}");
    }

    [Fact]
    public async Task Saving_a_record_never_overwrites_what_the_caller_could_not_see()
    {
        var w = await Build();
        var seen = await (await w.Analyst.GetAsync($"/api/customers/{w.Customer.Id}")).Read<CustomerDto>();
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/customers/{w.Customer.Id}")
        {
            Content = JsonContent.Create(new
            {
                kind = "person", name = seen.Name + "改", phones = seen.Phones, emails = Array.Empty<string>(), address = seen.Address,
                customFields = seen.CustomFields, legalBasis = "contract",
            }, options: Json),
        };
        put.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{seen.Version}\""));
        await (await w.Analyst.SendAsync(put)).ShouldBe(200);
        var stored = await (await w.Admin.GetAsync($"/api/customers/{w.Customer.Id}")).Read<CustomerDto>();
        stored.Name.Should().Be(seen.Name + "改");
        stored.Phones.Should().Equal(w.Phone);
        stored.Emails.Should().Equal([w.Email], "an empty list sent for a masked field does not wipe it");
        stored.Address.Should().Be(w.Customer.Address);

        var contact = await (await w.Rep.GetAsync($"/api/contacts/{w.Contact.Id}")).Read<ContactDto>();
        var putContact = new HttpRequestMessage(HttpMethod.Put, $"/api/contacts/{w.Contact.Id}")
        {
            Content = JsonContent.Create(new { name = contact.Name, phones = contact.Phones, birthday = contact.Birthday, hobbies = "登山", family = contact.Family }, options: Json),
        };
        putContact.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{contact.Version}\""));
        var updated = await (await w.Rep.SendAsync(putContact)).Read<ContactDto>();
        updated.Hobbies.Should().Be("登山", "the rep sees and changes private life");
        await w.Admin.PostAsJsonAsync("/api/privacy/reveal", new { subjectType = "contact", id = w.Contact.Id, category = "family", reason = "核对家庭信息" }, Json);
        (await (await w.Admin.GetAsync($"/api/contacts/{w.Contact.Id}")).Read<ContactDto>()).Family.Should().Be(w.Secrets[6], "the masked family field kept its value");
    }

    [Fact]
    public async Task A_reveal_needs_a_reason_and_the_right_and_every_reveal_and_view_is_in_the_access_log()
    {
        var w = await Build();
        var before = DateTime.UtcNow.AddSeconds(-5);
        (await (await w.Admin.GetAsync($"/api/contacts/{w.Contact.Id}")).Read<ContactDto>()).Family.Should().Be(Masked.Text, "an admin reveals family, not sees it");
        var noReason = await w.Admin.PostAsJsonAsync("/api/privacy/reveal", new { subjectType = "contact", id = w.Contact.Id, category = "family" }, Json);
        await noReason.ShouldBe(400);
        (await noReason.Content.ReadAsStringAsync()).Should().Contain("reason");
        await (await w.Analyst.PostAsJsonAsync("/api/privacy/reveal", new { subjectType = "contact", id = w.Contact.Id, category = "family", reason = "想看看而已" }, Json)).ShouldBe(403);
        await (await w.Rep.PostAsJsonAsync("/api/privacy/reveal", new { subjectType = "customer", id = w.Customer.Id, category = "health", reason = "客户要求核对" }, Json)).ShouldBe(403);
        await (await w.Admin.PostAsJsonAsync("/api/privacy/reveal", new { subjectType = "contact", id = Guid.NewGuid(), category = "family", reason = "核对家庭信息" }, Json)).ShouldBe(404);

        var reveal = await w.Rep.PostAsJsonAsync("/api/privacy/reveal", new { subjectType = "contact", id = w.Contact.Id, category = "family", reason = "准备拜访，核对家庭情况" }, Json);
        await reveal.ShouldBe(200);
        (await reveal.Read<RevealDto>()).ExpiresAt.Should().BeAfter(DateTime.UtcNow.AddMinutes(10));
        var shown = await (await w.Rep.GetAsync($"/api/contacts/{w.Contact.Id}")).Read<ContactDto>();
        shown.Family.Should().Be(w.Secrets[6]);
        shown.Masked.Should().BeEmpty();
        (await (await w.Analyst.GetAsync($"/api/contacts/{w.Contact.Id}")).Read<ContactDto>()).Family.Should().Be(Masked.Text, "a reveal is the revealer's alone");

        await (await w.Rep.GetAsync($"/api/privacy/access-log?id={w.Contact.Id}")).ShouldBe(403);
        var log = await (await w.Admin.GetAsync($"/api/privacy/access-log?id={w.Contact.Id}&userId={w.RepUser.Id}&from={before:O}")).Read<Page<AccessLogEntryDto>>();
        log.Items.Should().Contain(e => e.Action == "revealed" && e.Details["reason"] == "准备拜访，核对家庭情况" && e.Details["category"] == "family");
        log.Items.Should().Contain(e => e.Action == "viewed" && e.Details.ContainsKey("family") && e.Details.ContainsKey("birthday"));
        log.Items.Should().OnlyContain(e => e.EntityId == w.Contact.Id && e.UserId == w.RepUser.Id && e.UserName == w.RepUser.DisplayName);
        var analystViews = await (await w.Admin.GetAsync($"/api/privacy/access-log?userId={w.AnalystUser.Id}")).Read<Page<AccessLogEntryDto>>();
        analystViews.Items.Should().BeEmpty("the analyst was shown nothing sensitive");
        var revealsOnly = await (await w.Admin.GetAsync($"/api/privacy/access-log?action=revealed&entity=Contact&id={w.Contact.Id}")).Read<Page<AccessLogEntryDto>>();
        revealsOnly.Items.Should().ContainSingle();
        await (await w.Admin.GetAsync("/api/privacy/access-log?action=created")).ShouldBe(400);
        await (await w.Admin.GetAsync("/api/privacy/access-log?action=6")).ShouldBe(400); // a number is not a name
    }

    [Fact]
    public async Task The_duplicate_queue_and_check_hide_persons_phones_and_emails_from_roles_that_may_not_see_them()
    {
        var w = await Build();
        var twin = await CustomerApiTests.Create(w.Rep, new { kind = "person", name = Unique("张三"), phones = new[] { w.Phone } }, duplicatesConfirmed: true);
        await (await w.Rep.PostAsJsonAsync($"/api/customers/{twin.Id}/shares", new { userId = w.AnalystUser.Id })).ShouldBe(201);

        var asRep = await Body(w.Rep, $"/api/duplicates?customerId={twin.Id}");
        asRep.Should().Contain(w.Phone, "the rep sees contact details");
        var asAnalyst = await Body(w.Analyst, $"/api/duplicates?customerId={twin.Id}");
        asAnalyst.Should().Contain(twin.Id.ToString()).And.Contain("samePhone").And.NotContain(w.Phone, "neither a side nor a reason shows it");

        var check = new { name = "随便", phones = new[] { w.Phone } };
        (await (await w.Rep.PostAsJsonAsync("/api/customers/duplicates/check", check, Json)).Read<List<DuplicateMatch>>())
            .Should().Contain(m => m.Id == w.Customer.Id);
        (await (await w.Analyst.PostAsJsonAsync("/api/customers/duplicates/check", check, Json)).Read<List<DuplicateMatch>>())
            .Should().NotContain(m => m.Id == w.Customer.Id, "a phone the analyst may not see cannot find a person");
    }

    [Fact]
    public async Task Only_an_admin_changes_the_grants_and_they_apply_at_once()
    {
        var w = await Build();
        await (await w.Rep.GetAsync("/api/privacy/grants")).ShouldBe(403);
        await (await w.Rep.PutAsJsonAsync("/api/privacy/grants", new[] { new { role = "SalesRep", levels = new { health = "see" } } }, Json)).ShouldBe(403);
        var grants = await (await w.Admin.GetAsync("/api/privacy/grants")).Read<List<RoleGrantsDto>>();
        grants.Single(g => g.Role == Roles.Analyst).Levels.Values.Should().OnlyContain(l => l == GrantLevel.None);
        grants.Single(g => g.Role == Roles.SalesRep).Levels[Sensitivity.Contact].Should().Be(GrantLevel.See);
        await (await w.Admin.PutAsJsonAsync("/api/privacy/grants", new[] { new { role = "Nobody", levels = new { health = "see" } } }, Json)).ShouldBe(400);
        await (await w.Admin.PutAsJsonAsync("/api/privacy/grants", new object?[] { null }, Json)).ShouldBe(400);
        await (await w.Admin.PutAsJsonAsync("/api/privacy/grants", new[]
        {
            new { role = "ServiceAgent", levels = new { health = "see" } }, new { role = "ServiceAgent", levels = new { health = "none" } },
        }, Json)).ShouldBe(400);

        var manager = await w.Admin.CreateUser(Roles.ServiceManager);
        await (await w.Rep.PostAsJsonAsync($"/api/customers/{w.Customer.Id}/shares", new { userId = manager.Id })).ShouldBe(201);
        var managerClient = await app.ClientFor(manager.Email);
        (await (await managerClient.GetAsync($"/api/customers/{w.Customer.Id}")).Read<CustomerDto>()).CustomFields[w.HealthKey].GetString().Should().Be(Masked.Text);
        try
        {
            await (await w.Admin.PutAsJsonAsync("/api/privacy/grants", new[] { new { role = "ServiceManager", levels = new { health = "see" } } }, Json)).ShouldBe(200);
            (await (await managerClient.GetAsync($"/api/customers/{w.Customer.Id}")).Read<CustomerDto>()).CustomFields[w.HealthKey].GetString().Should().Be(w.Secrets[3]);
            var log = await (await w.Admin.GetAsync($"/api/privacy/access-log?userId={manager.Id}&entity=Customer")).Read<Page<AccessLogEntryDto>>();
            log.Items.Should().ContainSingle(e => e.Action == "viewed" && e.Details.ContainsKey($"customFields.{w.HealthKey}"));
            var list = await (await managerClient.GetAsync($"/api/customers?q={Uri.EscapeDataString(w.Customer.Name)}")).Read<Page<CustomerDto>>();
            list.Items.Single().CustomFields[w.HealthKey].GetString().Should().Be(w.Secrets[3]);
            (await (await w.Admin.GetAsync($"/api/privacy/access-log?userId={manager.Id}&id={w.Customer.Id}")).Read<Page<AccessLogEntryDto>>())
                .Items.Should().HaveCount(2, "a list that shows a sensitive value logs the view too");
        }
        finally
        {
            await w.Admin.PutAsJsonAsync("/api/privacy/grants", new[] { new { role = "ServiceManager", levels = new { health = "reveal" } } }, Json);
        }
        var audit = await (await w.Admin.GetAsync("/api/privacy/grants")).Read<List<RoleGrantsDto>>();
        audit.Single(g => g.Role == Roles.ServiceManager).Levels[Sensitivity.Health].Should().Be(GrantLevel.Reveal);
    }

    [Fact]
    public async Task Custom_fields_carry_a_sensitivity()
    {
        var admin = await app.AdminClient();
        var key = "income" + Guid.NewGuid().ToString("N")[..8];
        var created = await (await admin.PostAsJsonAsync("/api/custom-fields", new { key, label = "年收入", type = "number", sensitivity = "finance" }, Json)).Read<CustomFieldDto>();
        created.Sensitivity.Should().Be(Sensitivity.Finance);
        var bad = await admin.PostAsJsonAsync("/api/custom-fields", new { key = key + "x", label = "x", type = "number", sensitivity = "secret" }, Json);
        ((int)bad.StatusCode).Should().Be(400);
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/custom-fields/{created.Id}") { Content = JsonContent.Create(new { key, label = "年收入", type = "number", sensitivity = "none" }, options: Json) };
        put.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{created.Version}\""));
        (await (await admin.SendAsync(put)).Read<CustomFieldDto>()).Sensitivity.Should().Be(Sensitivity.None);
    }

    [Fact]
    public async Task Marketing_needs_a_lawful_basis_and_an_unwithdrawn_consent_for_the_channel()
    {
        var w = await Build();
        var noBasis = await CustomerApiTests.Create(w.Rep, new { kind = "person", name = Unique("王五"), phones = new[] { "13600000001" } });
        var subject = new DataSubject(SubjectType.Customer, noBasis.Id);
        await (await w.Rep.PostAsJsonAsync($"/api/customers/{noBasis.Id}/consents", new { purpose = "marketing", channel = "sms", source = "门店登记表" }, Json)).ShouldBe(201);
        (await Eligible(e => e.MayMarket(subject, ConsentChannel.Sms, default))).Should().BeFalse("no lawful basis is recorded");
        (await Eligible(e => e.MayProfile(subject, default))).Should().BeFalse();

        var customer = new DataSubject(SubjectType.Customer, w.Customer.Id);
        (await Eligible(e => e.MayMarket(customer, ConsentChannel.Sms, default))).Should().BeFalse("no consent yet");
        (await Eligible(e => e.MayProfile(customer, default))).Should().BeTrue("a contract is a lawful basis for profiling");
        var consent = await (await w.Rep.PostAsJsonAsync($"/api/customers/{w.Customer.Id}/consents", new { purpose = "marketing", channel = "sms", source = "线上注册勾选" }, Json)).Read<ConsentDto>();
        (await Eligible(e => e.MayMarket(customer, ConsentChannel.Sms, default))).Should().BeTrue();
        (await Eligible(e => e.MayMarket(customer, ConsentChannel.Email, default))).Should().BeFalse("the consent covers sms only");
        var list = await (await w.Analyst.GetAsync($"/api/customers/{w.Customer.Id}/consents")).Read<List<ConsentDto>>();
        list.Should().ContainSingle(c => c.Id == consent.Id && c.Source == "线上注册勾选" && c.RecordedBy == w.RepUser.Id);
        await (await w.Rep.PostAsync($"/api/consents/{consent.Id}/withdraw", null)).ShouldBe(200);
        await (await w.Rep.PostAsync($"/api/consents/{consent.Id}/withdraw", null)).ShouldBe(409);
        (await Eligible(e => e.MayMarket(customer, ConsentChannel.Sms, default))).Should().BeFalse("withdrawn");

        var contact = new DataSubject(SubjectType.Contact, w.Contact.Id);
        await (await w.Rep.PostAsJsonAsync($"/api/contacts/{w.Contact.Id}/consents", new { purpose = "marketing", channel = "any" }, Json)).ShouldBe(201);
        (await Eligible(e => e.MayMarket(contact, ConsentChannel.WeChat, default))).Should().BeTrue();
        await (await w.Rep.PostAsJsonAsync($"/api/contacts/{w.Contact.Id}/consents", new { purpose = "marketing", channel = "weChat", granted = false }, Json)).ShouldBe(201);
        (await Eligible(e => e.MayMarket(contact, ConsentChannel.WeChat, default))).Should().BeFalse("a later refusal wins");
        (await Eligible(e => e.MayMarket(contact, ConsentChannel.Email, default))).Should().BeTrue();

        await (await w.Rep.PostAsJsonAsync($"/api/customers/{w.Customer.Id}/consents", new { purpose = "spam" }, Json)).ShouldBe(400);
        var stranger = await app.ClientFor((await w.Admin.CreateUser(Roles.SalesRep)).Email);
        await (await stranger.GetAsync($"/api/customers/{w.Customer.Id}/consents")).ShouldBe(404);
        await (await stranger.PostAsync($"/api/consents/{consent.Id}/withdraw", null)).ShouldBe(404);
    }

    private async Task<bool> Eligible(Func<IMarketingEligibility, Task<bool>> ask)
    {
        using var scope = app.Services.CreateScope();
        return await ask(scope.ServiceProvider.GetRequiredService<IMarketingEligibility>());
    }

    [Fact]
    public async Task A_data_subject_export_holds_everything_in_json_and_csv()
    {
        var w = await Build();
        await w.Rep.Log(w.Customer.Id, "上门拜访", "visit", contactIds: [w.Contact.Id]);
        await w.Rep.PostAsJsonAsync($"/api/customers/{w.Customer.Id}/consents", new { purpose = "marketing", channel = "email", source = "展会名片" }, Json);
        await (await w.Rep.GetAsync($"/api/privacy/subjects/customers/{w.Customer.Id}/export")).ShouldBe(403);
        await (await w.Admin.GetAsync($"/api/privacy/subjects/customers/{Guid.NewGuid()}/export")).ShouldBe(404);

        var response = await w.Admin.GetAsync($"/api/privacy/subjects/customers/{w.Customer.Id}/export");
        await response.ShouldBe(200);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/zip");
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        var files = zip.Entries.ToDictionary(e => e.FullName, e => new StreamReader(e.Open()).ReadToEnd());
        files.Keys.Should().Contain(["subject.json", "customers-customer.csv", "customers-contacts.csv", "timeline-interactions.csv",
            "timeline-entries.csv", "privacy-consents.csv", "privacy-audit.csv"]);
        foreach (var secret in w.Secrets) files["subject.json"].Should().Contain(secret, "the export is everything held, unmasked");
        files["customers-contacts.csv"].Should().Contain(w.Secrets[6]);
        files["timeline-interactions.csv"].Should().Contain("上门拜访");
        files["privacy-consents.csv"].Should().Contain("展会名片");

        var contactExport = await w.Admin.GetAsync($"/api/privacy/subjects/contacts/{w.Contact.Id}/export");
        using var contactZip = new ZipArchive(await contactExport.Content.ReadAsStreamAsync());
        new StreamReader(contactZip.GetEntry("timeline-interactions.csv")!.Open()).ReadToEnd().Should().Contain("上门拜访");
        var log = await (await w.Admin.GetAsync($"/api/privacy/access-log?action=exported&id={w.Customer.Id}")).Read<Page<AccessLogEntryDto>>();
        log.Items.Should().ContainSingle();
    }

    [Fact]
    public async Task Erasure_keeps_ids_and_counts_removes_personal_data_and_suppresses_the_person()
    {
        var w = await Build();
        await w.Rep.Log(w.Customer.Id, $"谈到{w.Secrets[3]}", contactIds: [w.Contact.Id]);
        await w.Rep.Log(w.Customer.Id, "第二次电话");
        await w.Rep.Task("回访", DateTime.UtcNow.AddDays(2), w.Customer.Id);
        await (await w.Rep.PostAsJsonAsync($"/api/privacy/subjects/customers/{w.Customer.Id}/erase", new { reason = "本人要求" }, Json)).ShouldBe(403);
        await (await w.Admin.PostAsJsonAsync($"/api/privacy/subjects/customers/{w.Customer.Id}/erase", new { }, Json)).ShouldBe(400);
        await (await w.Admin.PostAsJsonAsync($"/api/privacy/subjects/customers/{w.Customer.Id}/erase", new { reason = "x", mode = "delete" }, Json)).ShouldBe(400);
        var org = await CustomerApiTests.Create(w.Rep, new { kind = "organization", name = Unique("公司") });
        await (await w.Admin.PostAsJsonAsync($"/api/privacy/subjects/customers/{org.Id}/erase", new { reason = "本人要求" }, Json)).ShouldBe(400);

        var erase = await w.Admin.PostAsJsonAsync($"/api/privacy/subjects/customers/{w.Customer.Id}/erase", new { reason = "本人书面要求删除（工单 42）" }, Json);
        await erase.ShouldBe(200);
        var result = await erase.Read<ErasureResult>();
        result.Suppressions.Should().BeGreaterThanOrEqualTo(4, "two phones, an email, a name with birthday");

        var customer = await (await w.Admin.GetAsync($"/api/customers/{w.Customer.Id}")).Read<CustomerDto>();
        customer.Id.Should().Be(w.Customer.Id);
        customer.Name.Should().Be("[erased]");
        customer.Phones.Should().BeEmpty();
        customer.CustomFields.Should().BeEmpty();
        customer.LegalBasis.Should().Be(LegalBasis.None);
        var interactions = await (await w.Admin.GetAsync($"/api/interactions?customerId={w.Customer.Id}")).Read<Page<InteractionDto>>();
        interactions.Items.Should().HaveCount(2, "the records stay for statistics");
        interactions.Items.Should().OnlyContain(i => i.Subject == "[erased]" && i.Notes == null);
        var everything = string.Join("\n", await Body(w.Admin, $"/api/customers/{w.Customer.Id}"), await Body(w.Admin, $"/api/customers/{w.Customer.Id}/contacts"),
            await Body(w.Admin, $"/api/customers/{w.Customer.Id}/timeline"), await Body(w.Admin, $"/api/customers/{w.Customer.Id}/audit"),
            await Body(w.Admin, $"/api/contacts/{w.Contact.Id}"));
        foreach (var secret in w.Secrets.Append(w.Customer.Name).Append(w.Contact.Name))
            everything.Should().NotContain(secret, "the erasure leaves no personal value, not even in its own audit entry");
        foreach (var q in new[] { w.Phone, w.Email, w.Customer.Name })
            (await (await w.Admin.GetAsync($"/api/customers?q={Uri.EscapeDataString(q)}")).Read<Page<CustomerDto>>()).Items
                .Should().NotContain(c => c.Id == w.Customer.Id, $"searching {q} after the erasure");

        using (var scope = app.Services.CreateScope())
        {
            var suppression = scope.ServiceProvider.GetRequiredService<ISuppressionList>();
            (await suppression.IsSuppressed("+86 " + w.Phone, null, default)).Should().BeTrue("any way of writing the number");
            (await suppression.IsSuppressed(null, w.Email.ToUpperInvariant(), default)).Should().BeTrue();
            (await suppression.IsSuppressed(w.Contact.Phones[0], null, default)).Should().BeTrue("the contacts are erased with the person");
            (await suppression.IsSuppressed(w.Contact.Name, new DateOnly(1980, 5, 6), default)).Should().BeTrue();
            (await suppression.IsSuppressed("13912345678", "someone@example.com", default)).Should().BeFalse();
            (await suppression.IsSuppressed(w.Contact.Name, new DateOnly(1980, 5, 7), default)).Should().BeFalse();
            var eligibility = scope.ServiceProvider.GetRequiredService<IMarketingEligibility>();
            (await eligibility.MayMarket(new DataSubject(SubjectType.Contact, w.Contact.Id), ConsentChannel.Any, default)).Should().BeFalse();
        }
        var log = await (await w.Admin.GetAsync($"/api/privacy/access-log?action=erased&id={w.Customer.Id}")).Read<Page<AccessLogEntryDto>>();
        log.Items.Should().ContainSingle().Which.Details["reason"].Should().Be("本人书面要求删除（工单 42）");

        // A purchased list that still holds the person does not bring them back; the other rows land.
        var csv = System.Text.Encoding.UTF8.GetBytes($"客户名称,手机,邮箱\n{w.Customer.Name},+86 {w.Phone},\n{Unique("王五")},13800000000,\n{Unique("赵六")},,{w.Email.ToUpperInvariant()}\n");
        var import = await Keqing.Tests.Imports.ImportApiTests.Import(w.Admin, csv, legalBasis: "none");
        import.Inserted.Should().Be(1);
        import.Failed.Should().Be(2, "both rows name a contact point of the erased person");
        (await w.Admin.GetStringAsync(import.ErrorsUrl!)).Should().Contain("要求删除", "the errors file gives the reason");
    }

    [Fact]
    public async Task Erasing_a_person_also_erases_the_records_merged_into_theirs()
    {
        var w = await Build();
        var oldPhone = "137" + Random.Shared.Next(10_000_000, 99_999_999);
        var oldName = Unique("张三旧档");
        var older = await CustomerApiTests.Create(w.Rep, new { kind = "person", name = oldName, phones = new[] { oldPhone }, address = "旧地址 1 号",
            externalId = Unique("OLD") });
        var oldest = await CustomerApiTests.Create(w.Rep, new { kind = "person", name = Unique("张三更旧") });
        async Task MergeInto(Guid survivor, Guid other)
        {
            var current = await (await w.Admin.GetAsync($"/api/customers/{survivor}")).Read<CustomerDto>();
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/customers/{survivor}/merge") { Content = JsonContent.Create(new { otherIds = new[] { other } }) };
            request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{current.Version}\""));
            await (await w.Admin.SendAsync(request)).ShouldBe(200);
        }
        await MergeInto(older.Id, oldest.Id);
        await MergeInto(w.Customer.Id, older.Id);
        var secretNote = "谈到旧病历" + Guid.NewGuid().ToString("N")[..6];
        var visit = await w.Rep.Log(w.Customer.Id, secretNote);

        var export = await w.Admin.GetAsync($"/api/privacy/subjects/customers/{w.Customer.Id}/export");
        using (var zip = new ZipArchive(await export.Content.ReadAsStreamAsync()))
            new StreamReader(zip.GetEntry("customers-customer.csv")!.Open()).ReadToEnd().Should().Contain(oldName, "the export holds the merged records too");
        await (await w.Admin.PostAsJsonAsync($"/api/privacy/subjects/customers/{w.Customer.Id}/erase", new { reason = "本人要求" }, Json)).ShouldBe(200);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KeqingDb>();
        var merged = await db.Set<Customer>().AsNoTracking().Where(c => c.Id == older.Id || c.Id == oldest.Id).ToListAsync();
        merged.Should().HaveCount(2).And.OnlyContain(c => c.Name == "[erased]" && c.Phones.Count == 0 && c.Address == null && c.ExternalId == null);
        (await db.Set<CustomerLookup>().AnyAsync(l => l.CustomerId == older.Id && l.Kind != LookupKind.Tag)).Should().BeFalse();
        (await scope.ServiceProvider.GetRequiredService<ISuppressionList>().IsSuppressed(oldPhone, null, default)).Should().BeTrue();

        // Each erased record's own audit trail shows *** for what it recorded before, not only the subject's.
        var trails = string.Join("\n", await Body(w.Admin, $"/api/audit?entity=Customer&id={older.Id}"),
            await Body(w.Admin, $"/api/audit?entity=Interaction&id={visit.Id}"));
        trails.Should().NotContain(oldName).And.NotContain(oldPhone).And.NotContain(secretNote);
    }

    [Fact]
    public async Task Overridden_boundary_warnings_are_reported_to_the_admin()
    {
        var w = await Build();
        var before = DateTime.UtcNow.AddSeconds(-5);
        var other = await CustomerApiTests.Create(w.Rep, new { kind = "organization", name = Unique("公司") });
        var otherContact = await (await w.Rep.PostAsJsonAsync($"/api/customers/{other.Id}/contacts", new { name = "赵六" }, Json)).Read<ContactDto>();
        // 10:00 in Shanghai on a Wednesday: outside the default quiet hours (21:00–08:00), whenever the test runs.
        var daytime = new DateTime(2026, 11, 18, 2, 0, 0, DateTimeKind.Utc);
        var visit = await w.Rep.Log(other.Id, "生日宴上拜访", "visit", daytime, contactIds: [otherContact.Id], personal: true);
        visit.Warnings.Select(x => x.Code).Should().Equal("personalOccasion");
        (await w.Rep.Log(other.Id, "普通电话", at: daytime.AddHours(1))).Warnings.Should().BeEmpty();

        await (await w.Rep.GetAsync("/api/privacy/boundary-overrides")).ShouldBe(403);
        var report = await (await w.Admin.GetAsync($"/api/privacy/boundary-overrides?userId={w.RepUser.Id}&from={before:O}")).Read<Page<BoundaryOverrideDto>>();
        report.Items.Should().ContainSingle(o => o.Code == "personalOccasion").Which.Should().Match<BoundaryOverrideDto>(o =>
            o.SourceType == "interaction" && o.SourceId == visit.Id && o.CustomerId == other.Id && o.UserName == w.RepUser.DisplayName);
        report.Items.Should().NotContain(o => o.SourceId != visit.Id, "a save without warnings is no override");
        (await (await w.Admin.GetAsync($"/api/privacy/boundary-overrides?customerId={w.Customer.Id}")).Read<Page<BoundaryOverrideDto>>()).Items.Should().BeEmpty();
    }
}

public sealed class PrivacyApiTestsOnSqlite(SqliteApp app) : PrivacyApiTests(app), IClassFixture<SqliteApp>;
public sealed class PrivacyApiTestsOnPostgres(PostgresApp app) : PrivacyApiTests(app), IClassFixture<PostgresApp>;
