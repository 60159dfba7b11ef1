using CsCheck;
using Keqing.Modules.Service.Domain;

namespace Keqing.Tests.Service;

/// <summary>Which of a reply's files ride in its email (<see cref="MailFiles"/>): the budget is never exceeded, and a file is linked only when it did not fit.</summary>
public sealed class MailFilesTests
{
    [Fact]
    public void Attached_files_never_exceed_the_budget_and_a_linked_file_did_not_fit_beside_those_before_it()
    {
        Gen.Select(Gen.Long[1, 5_000_000].List[0, 12], Gen.Long[0, 12_000_000]).Sample((sizes, budget) =>
        {
            var attach = MailFiles.Attach(sizes, budget);
            attach.Should().HaveCount(sizes.Count);
            sizes.Where((_, i) => attach[i]).Sum().Should().BeLessThanOrEqualTo(budget);
            for (var i = 0; i < sizes.Count; i++)
                if (!attach[i]) (sizes.Take(i).Where((_, j) => attach[j]).Sum() + sizes[i]).Should().BeGreaterThan(budget);
        });
    }

    [Fact]
    public void A_large_file_does_not_push_the_small_ones_after_it_out_and_sizes_read_as_people_write_them()
    {
        MailFiles.Attach([300, 2_000, 500], 1_000).Should().Equal(true, false, true);
        MailFiles.Attach([], 1_000).Should().BeEmpty();
        (MailFiles.Size(1), MailFiles.Size(1024), MailFiles.Size(1025), MailFiles.Size(1_500_000), MailFiles.Size(10L << 20))
            .Should().Be(("1 KB", "1 KB", "2 KB", "1.4 MB", "10 MB"));
    }
}
