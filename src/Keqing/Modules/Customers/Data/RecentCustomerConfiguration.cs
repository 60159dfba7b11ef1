using Keqing.Modules.Customers.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Modules.Customers.Data;

internal sealed class RecentCustomerConfiguration : IEntityTypeConfiguration<RecentCustomer>
{
    public void Configure(EntityTypeBuilder<RecentCustomer> b)
    {
        b.ToTable("customers_recent");
        b.HasKey(x => new { x.UserId, x.CustomerId });
        b.HasIndex(x => new { x.UserId, x.OpenedAt });
    }
}
