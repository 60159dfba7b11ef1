using Keqing.Modules.Service.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Modules.Service.Data;

internal sealed class IntakeSettingConfiguration : IEntityTypeConfiguration<IntakeSetting>
{
    public void Configure(EntityTypeBuilder<IntakeSetting> b) => b.ToTable("service_intake_setting");
}
