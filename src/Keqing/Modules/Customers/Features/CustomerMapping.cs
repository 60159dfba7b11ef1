using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Domain;

namespace Keqing.Modules.Customers.Features;

/// <summary>Entity → API shape.</summary>
internal static class CustomerMapping
{
    public static CustomerDto ToDto(this Customer c) => new(
        c.Id, c.Kind, c.Name, c.Aliases, c.Industry, c.Province, c.City, c.Address, c.Phones, c.Emails, c.Website, c.Source,
        c.OwnerId, c.TeamId, c.Grade, c.Tags, CustomFieldValues.Read(c.CustomFields), c.Version, c.CreatedAt, c.UpdatedAt, c.ArchivedAt,
        c.CreditCode, c.LegalRepresentative, c.LegalBasis, MergedIntoId: c.MergedIntoId, ExternalId: c.ExternalId);

    public static ContactDto ToDto(this Contact c) => new(
        c.Id, c.CustomerId, c.Name, c.Title, c.Phones, c.Emails, c.Birthday, c.Hobbies, c.Notes, c.Version, c.CreatedAt, c.UpdatedAt, c.Source, c.LegalBasis,
        c.Family);
}
