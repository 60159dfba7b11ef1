using Keqing.Infrastructure.Modules;
using Keqing.Modules.Customers.Contracts;
using Keqing.Modules.Customers.Features;
using Keqing.Modules.Identity.Contracts;
using MudBlazor;

namespace Keqing.Modules.Customers;

/// <summary>The shared customer archive (DOMAIN A1–A5): customers, contacts, custom fields, search.</summary>
public sealed class CustomersModule : IKeqingModule
{
    public ModuleManifest Manifest { get; } = new("customers")
    {
        Texts = typeof(Resources.CustomersResource),
        RecordTypes = [typeof(Domain.Customer), typeof(Domain.Contact), typeof(Domain.CustomFieldDefinition)],
        Capabilities =
        [
            new(CustomersCapabilities.ManageCustomFields, "Define the custom fields of customers", [Roles.Admin]),
            new(CustomersCapabilities.ScanDuplicates, "Scan all customers for duplicates now and see the scan's figures", [Roles.Admin]),
            new(CustomersCapabilities.Grade, "Set or change a customer's grade", [Roles.Admin, Roles.Analyst, Roles.SalesManager, Roles.ServiceManager]),
            new(CustomersCapabilities.Reassign, "Give a customer to another owner (within the teams one manages)", [Roles.Admin, Roles.SalesManager, Roles.ServiceManager]),
            new(CustomersCapabilities.LookUp, "Find any customer by its full phone number, email or name and open it read-only", [Roles.ServiceAgent, Roles.ServiceManager]),
            new(CustomersCapabilities.ReadMarketable, "Read the customers one may market to (a lawful basis and a current marketing consent)", [Roles.Marketer]),
            new(CustomersCapabilities.ReadArchive, "Read the whole archive read-only, personal fields masked", [Roles.Analyst]),
        ],
        Menu =
        [
            new("customers", "/customers", "Customers", Icons.Material.Filled.Business, Order: 10),
            new("custom-fields", "/admin/custom-fields", "Custom fields", Icons.Material.Filled.Tune, CustomersCapabilities.ManageCustomFields, MenuSection.Administration, 30),
        ],
        Jobs = [typeof(Jobs.DuplicateScanJob), typeof(Jobs.SearchKeysBackfillJob)],
        DemoSeeder = typeof(CustomerDemoData),
        Contributions =
        [
            ServiceDescriptor.Scoped<Privacy.Contracts.IPersonalDataStep, CustomerPersonalData>(),
            ServiceDescriptor.Scoped<Infrastructure.Audit.IAuditLineage, MergedCustomerLineage>(),
            ServiceDescriptor.Scoped<Privacy.Contracts.IDataSubjects, CustomerDataSubjects>(),
            ServiceDescriptor.Scoped<Privacy.Contracts.IDynamicPersonalFields, CustomFieldCategories>(),
            new ServiceDescriptor(typeof(CollaborationTarget), CollaborationTarget.For<Domain.Customer>("customers")),
        ],
    };

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<CustomerEditor>();
        services.AddScoped<SaveCustomer>();
        services.AddScoped<GetCustomer>();
        services.AddScoped<RecentCustomers>();
        services.AddMemoryCache();
        services.AddScoped<CustomerPrivacy>();
        services.AddScoped<ListCustomers>();
        services.AddSingleton<PinyinTrigrams>();
        services.AddScoped<CustomerReadScope>();
        services.AddScoped<ArchiveCustomer>();
        services.AddScoped<Contacts>();
        services.AddScoped<CustomFields>();
        services.AddScoped<CustomerShares>();
        services.AddScoped<ICustomerDirectory, Features.CustomerDirectory>();
        services.AddScoped<ICustomerLocations, CustomerLocations>();
        services.AddScoped<ICustomerCreator, CustomerCreator>();
        services.AddScoped<DuplicateFinder>();
        services.AddScoped<IImportDuplicateHint, ImportDuplicateHint>();
        services.AddScoped<IDuplicateScanRequests, DuplicateScanRequests>();
        services.AddScoped<DuplicateQueue>();
        services.AddScoped<DuplicateScan>();
        services.AddScoped<SearchKeysBackfill>();
        services.AddScoped<MergeCustomers>();
        services.AddScoped<ExportCustomers>();
        services.AddScoped<ICustomerBulkWriter, CustomerBulkWriter>();
        services.AddScoped<IContactsByEmail, ContactsByEmail>();
        services.AddCompanyRegistry();
    }

    public void MapEndpoints(RouteGroupBuilder api) => Api.CustomersApi.Map(api);
}
