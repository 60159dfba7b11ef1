using Keqing.Infrastructure.Http;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Portal.Contracts;
using Keqing.Modules.Service.Contracts;

namespace Keqing.Modules.Portal.Features;

/// <summary>The contact signed in to this request (the portal policy has authenticated them) and the cases they may see.</summary>
public sealed class PortalSession(IHttpContextAccessor http, PortalSettingsStore settings, ICustomerDirectory customers)
{
    public PortalContact Contact => PortalAuth.ContactOf(http.HttpContext?.User) ?? throw new UnauthorizedAccessException("No signed-in contact.");

    public async Task<PortalCaseScope> CaseScope(CancellationToken ct)
    {
        var contact = Contact;
        var visibility = (await settings.Get(ct)).CaseVisibility;
        return new PortalCaseScope(contact.CustomerId, visibility == PortalCaseVisibility.OwnCases ? contact.ContactId : null);
    }

    public async Task<PortalMeDto> Me(CancellationToken ct)
    {
        var contact = Contact;
        var customer = (await customers.Find([contact.CustomerId], ct)).GetValueOrDefault(contact.CustomerId) ?? throw new NotFoundException("customer");
        var person = (await customers.ContactsOf(contact.CustomerId, ct)).FirstOrDefault(c => c.Id == contact.ContactId) ?? throw new NotFoundException("contact");
        return new PortalMeDto(contact.ContactId, person.Name, customer.Id, customer.Name, contact.Email, (await settings.Get(ct)).CaseVisibility);
    }
}
