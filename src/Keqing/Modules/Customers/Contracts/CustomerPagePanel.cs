namespace Keqing.Modules.Customers.Contracts;

/// <summary>
/// A panel another module shows on the customer page (an extension point): a component taking one parameter,
/// <c>CustomerId</c> (Guid), rendered under the page's header for a customer that is not archived, in
/// <see cref="Order"/>. A module contributes one in its manifest's <c>Contributions</c>
/// (<c>new ServiceDescriptor(typeof(CustomerPagePanel), new CustomerPagePanel(typeof(MyPanel), 10))</c>); the panel
/// checks itself what the user may do.
/// </summary>
public sealed record CustomerPagePanel(Type Component, int Order);
