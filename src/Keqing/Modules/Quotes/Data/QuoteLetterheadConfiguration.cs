using Keqing.Modules.Quotes.Domain;
using Keqing.Modules.Quotes.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Keqing.Modules.Quotes.Data;

internal sealed class QuoteLetterheadConfiguration : IEntityTypeConfiguration<QuoteLetterhead>
{
    public void Configure(EntityTypeBuilder<QuoteLetterhead> b)
    {
        b.ToTable("quotes_letterhead");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.CompanyNameZh).HasMaxLength(QuoteLetterheadRules.NameLength);
        b.Property(x => x.CompanyNameEn).HasMaxLength(QuoteLetterheadRules.NameLength);
        b.Property(x => x.Address).HasMaxLength(QuoteLetterheadRules.AddressLength);
        b.Property(x => x.Phone).HasMaxLength(QuoteLetterheadRules.PhoneLength);
        b.Property(x => x.TaxId).HasMaxLength(QuoteLetterheadRules.TaxIdLength);
        b.Property(x => x.BankName).HasMaxLength(QuoteLetterheadRules.NameLength);
        b.Property(x => x.BankAccount).HasMaxLength(QuoteLetterheadRules.BankAccountLength);
        b.Property(x => x.FooterTerms).HasMaxLength(QuoteLetterheadRules.TermsLength);
    }
}
