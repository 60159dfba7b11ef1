namespace Keqing.Modules.Customers.Domain;

/// <summary>That an employee opened a customer's page, and when last: the home page's "recently opened" list.</summary>
public sealed class RecentCustomer
{
    public Guid UserId { get; set; }
    public Guid CustomerId { get; set; }
    public DateTime OpenedAt { get; set; }
}
