using System.Net.Http.Json;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Service.Contracts;
using Keqing.Tests.Customers;
using Keqing.Tests.Fixtures;
using Keqing.Tests.Products;
using Keqing.Tests.Service;

namespace Keqing.Tests.Portal;

/// <summary>
/// A contact names the product their case is about in the portal (API and page), so the case needs that product line
/// and auto-assignment gives it to an agent who has it, not merely to the least loaded one; a case without a product
/// needs no skill; a product that is not an id, unknown or retired is a field error, never a 500.
/// </summary>
public abstract class PortalCaseProductTests(ClockedKeqingApp app)
{
    [Fact]
    public async Task A_portal_case_about_a_product_goes_to_the_agent_with_its_product_line()
    {
        app.Clock.Advance(TimeSpan.FromMinutes(16)); // the link limits' window starts afresh
        var admin = await app.AdminClient();
        var team = await admin.CreateTeam();
        await (await admin.PutAsJsonAsync($"/api/skills/teams/{team.Id}", new { autoAssign = true }, ApiHelpers.Json)).ShouldBe(200);
        var lead = await admin.CreateUser(Roles.ServiceManager, team.Id);
        var skilled = await admin.CreateUser(Roles.ServiceAgent, team.Id);
        var other = await admin.CreateUser(Roles.ServiceAgent, team.Id);
        var ultrasound = await admin.NewCategory(ApiHelpers.Unique("超声"));
        var probe = await admin.NewProduct(categoryId: ultrasound.Id);
        var skill = await admin.PostAsJsonAsync("/api/skills", new { kind = "productLine", value = ultrasound.Id.ToString() }, ApiHelpers.Json);
        await skill.ShouldBe(201);
        var line = await skill.Read<SkillDto>();
        await (await admin.PutAsJsonAsync($"/api/skills/agents/{skilled.Id}", new { skillIds = new[] { line.Id } }, ApiHelpers.Json)).ShouldBe(200);
        // A customer the service team serves: its portal cases land in the team and are assigned there.
        var customer = await CustomerApiTests.Create(admin, new { kind = "organization", name = ApiHelpers.Unique("医院"), ownerId = lead.Id });
        var email = PortalTestKit.NewEmail();
        await admin.NewContact(customer.Id, email);
        var contact = await app.SignedIn(email);

        var form = await contact.GetAsync("/portal/cases/new");
        await form.ShouldBe(200);
        var html = await form.Content.ReadAsStringAsync();
        html.Should().Contain("涉及的产品（选填）").And.Contain($"value=\"{probe.Id}\"").And.Contain("不确定或不涉及");

        var about = await contact.PostForm("/api/portal/cases",
            new Dictionary<string, string> { ["subject"] = "探头图像有条纹", ["type"] = "repair", ["productId"] = probe.Id.ToString() });
        await about.ShouldBe(201);
        var aboutCase = await admin.Case((await about.Read<PortalCaseDto>()).Id);
        (aboutCase.ProductId, aboutCase.OwnerId, aboutCase.TeamId).Should().Be(((Guid?)probe.Id, skilled.Id, (Guid?)team.Id),
            "only the skilled agent has the ultrasound line, though the other agent has fewer open cases");

        var general = await contact.PostForm("/api/portal/cases", new Dictionary<string, string> { ["subject"] = "发票抬头怎么改", ["productId"] = "" });
        await general.ShouldBe(201);
        (await admin.Case((await general.Read<PortalCaseDto>()).Id)).OwnerId.Should().Be(other.Id, "a case without a product needs no skill: the least loaded agent");

        foreach (var bad in new[] { "探头", Guid.NewGuid().ToString() })
        {
            var refused = await contact.PostForm("/api/portal/cases", new Dictionary<string, string> { ["subject"] = "坏的产品", ["productId"] = bad });
            await refused.ShouldBe(400);
            (await refused.Content.ReadAsStringAsync()).Should().Contain("\"productId\"");
        }
    }
}

public sealed class PortalCaseProductTestsOnSqlite(SqliteClockedApp app) : PortalCaseProductTests(app), IClassFixture<SqliteClockedApp>;
public sealed class PortalCaseProductTestsOnPostgres(PostgresClockedApp app) : PortalCaseProductTests(app), IClassFixture<PostgresClockedApp>;
