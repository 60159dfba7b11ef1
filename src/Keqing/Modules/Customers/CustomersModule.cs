using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Features;

namespace Keqing.Modules.Customers;

/// <summary>The shared customer archive (DOMAIN A1–A5): customers, contacts, custom fields, search.</summary>
public static class CustomersModule
{
    public static IServiceCollection AddCustomersModule(this IServiceCollection services)
    {
        services.AddScoped<CustomerEditor>();
        services.AddScoped<SaveCustomer>();
        services.AddScoped<GetCustomer>();
        services.AddMemoryCache();
        services.AddScoped<CustomerPrivacy>();
        services.AddScoped<Privacy.Contracts.IPersonalDataStep, CustomerPersonalData>();
        services.AddScoped<ListCustomers>();
        services.AddScoped<ArchiveCustomer>();
        services.AddScoped<Contacts>();
        services.AddScoped<CustomFields>();
        services.AddScoped<CustomerShares>();
        services.AddScoped<ICustomerDirectory, Features.CustomerDirectory>();
        services.AddScoped<DuplicateFinder>();
        services.AddScoped<IImportDuplicateHint, ImportDuplicateHint>();
        services.AddScoped<IDuplicateScanRequests, DuplicateScanRequests>();
        services.AddScoped<DuplicateQueue>();
        services.AddScoped<DuplicateScan>();
        services.AddScoped<MergeCustomers>();
        services.AddScoped<ExportCustomers>();
        services.AddScoped<Infrastructure.Audit.IAuditLineage, MergedCustomerLineage>();
        services.AddSingleton<Jobs.DuplicateScanJob>();
        services.AddHostedService(sp => sp.GetRequiredService<Jobs.DuplicateScanJob>());
        services.AddScoped<ICustomerBulkWriter, CustomerBulkWriter>();
        services.AddScoped<Infrastructure.Web.IDemoSeeder, CustomerDemoData>();
        services.AddCompanyRegistry();
        return services;
    }

    public static void MapCustomersModule(this RouteGroupBuilder api) => Api.CustomersApi.Map(api);
}
