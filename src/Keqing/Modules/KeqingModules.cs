using Keqing.Infrastructure.Modules;
using Keqing.Modules.Calendar;
using Keqing.Modules.Customers;
using Keqing.Modules.FieldWork;
using Keqing.Modules.Identity;
using Keqing.Modules.Imports;
using Keqing.Modules.Kb;
using Keqing.Modules.Leads;
using Keqing.Modules.Mailbox;
using Keqing.Modules.Notifications;
using Keqing.Modules.Opportunities;
using Keqing.Modules.Privacy;
using Keqing.Modules.Products;
using Keqing.Modules.Quotes;
using Keqing.Modules.Orders;
using Keqing.Modules.Approvals;
using Keqing.Modules.SellThrough;
using Keqing.Modules.Sla;
using Keqing.Modules.Service;
using Keqing.Modules.Pools;
using Keqing.Modules.Timeline;

namespace Keqing.Modules;

/// <summary>Every module of the app, registered once for the web host, the command line and the benches alike.</summary>
public static class KeqingModules
{
    /// <summary>The modules, one line each; a new module adds its line here (docs/architecture.md).</summary>
    public static IReadOnlyList<IKeqingModule> All() =>
    [
        new IdentityModule(),
        new CustomersModule(),
        new NotificationsModule(),
        new TimelineModule(),
        new PrivacyModule(),
        new ImportsModule(),
        new CalendarModule(),
        new OpportunitiesModule(),
        new LeadsModule(),
        new ProductsModule(),
        new ApprovalsModule(),
        new QuotesModule(),
        new OrdersModule(),
        new SellThroughModule(),
        new Todo.TodoModule(),
        new KbModule(),
        new SlaModule(),
        new MailboxModule(),
        new FieldWorkModule(),
        new ServiceModule(),
        new PoolsModule(),
        new Portal.PortalModule(),
        new ReturnVisits.ReturnVisitsModule(),
    ];

    public static IServiceCollection AddKeqingModules(this IServiceCollection services, IConfiguration configuration)
    {
        foreach (var module in All()) services.AddKeqingModule(module, configuration);
        return services;
    }
}
