using Keqing.Infrastructure.Http;

namespace Keqing.Modules.Imports.Features;

/// <summary>What an import can bring in (<c>entity</c>): customers (the default), leads, distributors' reports or products, each with its own fields and mapping.</summary>
public static class ImportEntities
{
    public const string Customers = "customers", Leads = "leads";
    /// <summary>Distributors' monthly reports (进销存) into the sales database.</summary>
    public const string SellThrough = "sell-through";
    /// <summary>The product catalogue, upserted by SKU.</summary>
    public const string Products = "products";

    public static bool IsKnown(string? entity) => entity is Customers or Leads or SellThrough or Products;

    /// <summary>
    /// Whether this kind's rows are about people (customers and their contacts, leads): only then does an import need a
    /// source and a legal basis (DOMAIN P2). A product list or a distributor's stock report holds no personal data.
    /// </summary>
    public static bool HoldsPersonalData(string entity) => entity is Customers or Leads;

    /// <summary>The fields a column of this entity's file can be mapped to (field, English label, what it belongs to).</summary>
    public static IReadOnlyList<(string Field, string Label, string Target)> FieldsOf(string entity) =>
        entity == Products ? ProductImportFields.All : entity == SellThrough ? SellThroughImportFields.All : entity == Leads ? LeadImportFields.All : ImportFields.All;

    public static bool IsField(string entity, string field) => FieldsOf(entity).Any(f => f.Field == field);

    /// <summary>What a field belongs to, null for no field.</summary>
    public static string? TargetOf(string entity, string? field) => FieldsOf(entity).FirstOrDefault(f => f.Field == field).Target;

    /// <summary>The automatic mapping of a header row with the user's corrections on top.</summary>
    public static Dictionary<string, string?> Merge(string entity, IReadOnlyList<string> headers, IReadOnlyDictionary<string, string?>? corrections) =>
        Apply(entity, entity == Products ? ProductImportFields.AutoMap(headers) : entity == SellThrough ? SellThroughImportFields.AutoMap(headers)
            : entity == Leads ? LeadImportFields.AutoMap(headers) : ImportFields.AutoMap(headers), corrections);

    /// <summary>Puts corrections on a mapping (400 for an unknown column or a field this entity does not have).</summary>
    public static Dictionary<string, string?> Apply(string entity, Dictionary<string, string?> mapping, IReadOnlyDictionary<string, string?>? corrections) =>
        ImportFields.Apply(mapping, corrections, field => IsField(entity, field));

    /// <summary>Whether the mapping fills what every row of this entity needs (a customer's name; a lead's name or company).</summary>
    public static bool MapsRequired(string entity, IReadOnlyDictionary<string, string?> mapping) =>
        entity == Products ? ProductImportFields.MapsRequired(mapping) : entity == SellThrough ? SellThroughImportFields.MapsRequired(mapping)
            : entity == Leads ? LeadImportFields.MapsRequired(mapping) : mapping.Values.Contains(ImportFields.Name);

    /// <summary>The message when <see cref="MapsRequired"/> is false.</summary>
    public static string RequiredMessage(string entity) =>
        entity == Products ? ProductImportFields.RequiredMessage() : entity == SellThrough ? SellThroughImportFields.RequiredMessage()
            : entity == Leads ? LeadImportFields.RequiredMessage() : FieldErrors.Text("Map a column to the customer name.");
}
