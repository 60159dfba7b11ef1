namespace Keqing.Modules.Timeline.Contracts;

/// <summary>What an employee still holds: customers, open tasks, open commitments. Nothing left means nothing to hand over.</summary>
public sealed record Outstanding(int Customers, int OpenTasks, int OpenCommitments)
{
    public bool None => Customers == 0 && OpenTasks == 0 && OpenCommitments == 0;
}
