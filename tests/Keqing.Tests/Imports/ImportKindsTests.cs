using Keqing.Infrastructure.Modules;
using Keqing.Modules;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Imports.Features;
using Keqing.Modules.Imports.Pages;

namespace Keqing.Tests.Imports;

/// <summary>
/// What the imports page offers: each kind's template maps, column by column, onto every field of the kind, is UTF-8 CSV
/// with a byte order mark, and a role is offered exactly the kinds the upload lets it import.
/// </summary>
public sealed class ImportKindsTests
{
    private static readonly ModuleCatalog Catalog = new(KeqingModules.All());

    public static TheoryData<string> Kinds() => [.. ImportKinds.All.Select(k => k.Entity)];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_kinds_template_maps_each_column_onto_the_next_field_of_the_kind(string entity)
    {
        var headers = ImportKinds.All.Single(k => k.Entity == entity).Headers;
        var mapping = ImportEntities.Merge(entity, headers, null);

        headers.Select(h => mapping[h]).Should().Equal(ImportEntities.FieldsOf(entity).Select(f => f.Field));
        ImportEntities.MapsRequired(entity, mapping).Should().BeTrue();
    }

    [Fact]
    public void Every_kind_the_upload_knows_is_offered_and_nothing_else()
    {
        ImportKinds.All.Select(k => k.Entity).Should().OnlyContain(e => ImportEntities.IsKnown(e))
            .And.BeEquivalentTo([ImportEntities.Customers, ImportEntities.Leads, ImportEntities.Products, ImportEntities.SellThrough]);
    }

    [Fact]
    public void A_template_downloads_as_utf8_csv_with_a_byte_order_mark_and_the_header_row()
    {
        var href = ImportKinds.TemplateHref(ImportEntities.SellThrough);

        href.Should().StartWith("data:text/csv;charset=utf-8,");
        Uri.UnescapeDataString(href["data:text/csv;charset=utf-8,".Length..])
            .Should().Be("\uFEFF经销商名称,产品编码,月份,期初库存,本期进货,本期销售,期末库存\r\n");
    }

    [Theory]
    [InlineData(Roles.Admin, new[] { ImportEntities.Customers, ImportEntities.Leads, ImportEntities.Products, ImportEntities.SellThrough })]
    [InlineData(Roles.SalesManager, new[] { ImportEntities.Customers, ImportEntities.Leads, ImportEntities.SellThrough })]
    [InlineData(Roles.Marketer, new[] { ImportEntities.Customers, ImportEntities.Leads })]
    public void A_role_is_offered_the_kinds_the_upload_lets_it_import(string role, string[] offered)
    {
        ImportKinds.For(Importer.For(Guid.NewGuid(), [role], Catalog)).Should().Equal(offered);
    }
}
