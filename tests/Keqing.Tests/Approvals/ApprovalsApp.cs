using System.Collections.Concurrent;
using Keqing.Modules.Approvals.Contracts;
using Keqing.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Approvals;

/// <summary>The outcomes the test record types' handlers were told of, by record id.</summary>
public sealed class OutcomeRecorder
{
    public ConcurrentDictionary<Guid, List<ApprovalOutcome>> Outcomes { get; } = new();
}

/// <summary>A record type of the tests' own: its handler records each outcome.</summary>
public sealed class TestOutcomeHandler(string recordType, OutcomeRecorder recorder) : IApprovalOutcomeHandler
{
    public string RecordType => recordType;

    public Task Decided(ApprovalOutcome outcome, CancellationToken ct)
    {
        recorder.Outcomes.AddOrUpdate(outcome.RecordId, _ => [outcome], (_, list) => { lock (list) list.Add(outcome); return list; });
        return Task.CompletedTask;
    }
}

/// <summary>The host with test record types under approval (one per test, so their flows do not meet).</summary>
public abstract class ApprovalsApp(PostgresServer postgres, Provider provider) : ClockedKeqingApp(postgres, provider)
{
    public const int TestTypes = 12;
    public static string TypeKey(int i) => $"tests.widget-{i}";

    public OutcomeRecorder Recorder { get; } = new();

    protected override void Configure(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services =>
        {
            for (var i = 0; i < TestTypes; i++) services.AddSingleton<IApprovalOutcomeHandler>(new TestOutcomeHandler(TypeKey(i), Recorder));
        });
}

public sealed class SqliteApprovalsApp(PostgresServer postgres) : ApprovalsApp(postgres, Provider.Sqlite);

public sealed class PostgresApprovalsApp(PostgresServer postgres) : ApprovalsApp(postgres, Provider.Postgres);
