using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Keqing.Infrastructure.Events;
using Keqing.Modules.Service.Contracts;
using Keqing.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Keqing.Tests.Service;

/// <summary>Short ways to open and work cases through the API in tests.</summary>
public static class ServiceApi
{
    public static async Task<CaseDto> NewCase(this HttpClient client, Guid customerId, string type = "question", string priority = "normal",
        Guid? contactId = null, Guid? ownerId = null, string? subject = null)
    {
        var response = await client.PostAsJsonAsync("/api/cases", new
        {
            customerId, subject = subject ?? ApiHelpers.Unique("彩超无法开机"), description = "客户来电：设备开机后黑屏。", type, priority, contactId, ownerId, channel = "phone",
        }, ApiHelpers.Json);
        await response.ShouldBe(201);
        return await response.Read<CaseDto>();
    }

    public static async Task<CaseDto> Case(this HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"/api/cases/{id}");
        await response.ShouldBe(200);
        return await response.Read<CaseDto>();
    }

    public static Task<HttpResponseMessage> Act(this HttpClient client, Guid id, string action, object? body = null) =>
        client.PostAsJsonAsync($"/api/cases/{id}/{action}", body ?? new { }, ApiHelpers.Json);

    public static async Task<CaseDto> Reply(this HttpClient client, Guid id, string body, bool waitOnCustomer = false, Guid[]? attachmentIds = null)
    {
        var response = await client.Act(id, "reply", new { body, waitOnCustomer, attachmentIds });
        await response.ShouldBe(200);
        return await response.Read<CaseDto>();
    }

    public static Task<HttpResponseMessage> Upload(this HttpClient client, Guid caseId, string fileName, byte[] content)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return client.PostAsync($"/api/cases/{caseId}/attachments", form);
    }

    public static Task<HttpResponseMessage> PutCase(this HttpClient client, Guid id, long? version, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/cases/{id}") { Content = JsonContent.Create(body, options: ApiHelpers.Json) };
        if (version is { } v) request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{v}\""));
        return client.SendAsync(request);
    }
}

/// <summary>Every case event raised and committed, as a handler next session's SLA clocks would see them.</summary>
public sealed class RecordedCaseEvents :
    IBeforeCommitHandler<CaseOpened>, IBeforeCommitHandler<CasePriorityChanged>, IBeforeCommitHandler<CaseReplied>,
    IBeforeCommitHandler<CaseWaitingOnCustomer>, IBeforeCommitHandler<CaseCustomerReplied>, IBeforeCommitHandler<CaseResolved>,
    IBeforeCommitHandler<CaseClosed>, IBeforeCommitHandler<CaseReopened>
{
    public ConcurrentQueue<IDomainEvent> All { get; } = new();

    public IReadOnlyList<IDomainEvent> Of(Guid caseId) => All.Where(e => e switch
    {
        CaseOpened x => x.CaseId == caseId,
        CasePriorityChanged x => x.CaseId == caseId,
        CaseReplied x => x.CaseId == caseId,
        CaseWaitingOnCustomer x => x.CaseId == caseId,
        CaseCustomerReplied x => x.CaseId == caseId,
        CaseResolved x => x.CaseId == caseId,
        CaseClosed x => x.CaseId == caseId,
        CaseReopened x => x.CaseId == caseId,
        _ => false,
    }).ToList();

    private Task Record(IDomainEvent e, CancellationToken ct)
    {
        All.Enqueue(e);
        return Task.CompletedTask;
    }

    public Task Handle(CaseOpened domainEvent, CancellationToken ct) => Record(domainEvent, ct);
    public Task Handle(CasePriorityChanged domainEvent, CancellationToken ct) => Record(domainEvent, ct);
    public Task Handle(CaseReplied domainEvent, CancellationToken ct) => Record(domainEvent, ct);
    public Task Handle(CaseWaitingOnCustomer domainEvent, CancellationToken ct) => Record(domainEvent, ct);
    public Task Handle(CaseCustomerReplied domainEvent, CancellationToken ct) => Record(domainEvent, ct);
    public Task Handle(CaseResolved domainEvent, CancellationToken ct) => Record(domainEvent, ct);
    public Task Handle(CaseClosed domainEvent, CancellationToken ct) => Record(domainEvent, ct);
    public Task Handle(CaseReopened domainEvent, CancellationToken ct) => Record(domainEvent, ct);
}

/// <summary>The host with a fake clock and a recorder of the case events.</summary>
public abstract class ServiceApp(PostgresServer postgres, Provider provider) : ClockedKeqingApp(postgres, provider)
{
    public RecordedCaseEvents Events { get; } = new();

    protected override void Configure(IWebHostBuilder builder) => builder.ConfigureTestServices(services =>
    {
        services.AddSingleton<IBeforeCommitHandler<CaseOpened>>(Events);
        services.AddSingleton<IBeforeCommitHandler<CasePriorityChanged>>(Events);
        services.AddSingleton<IBeforeCommitHandler<CaseReplied>>(Events);
        services.AddSingleton<IBeforeCommitHandler<CaseWaitingOnCustomer>>(Events);
        services.AddSingleton<IBeforeCommitHandler<CaseCustomerReplied>>(Events);
        services.AddSingleton<IBeforeCommitHandler<CaseResolved>>(Events);
        services.AddSingleton<IBeforeCommitHandler<CaseClosed>>(Events);
        services.AddSingleton<IBeforeCommitHandler<CaseReopened>>(Events);
    });
}

public sealed class SqliteServiceApp(PostgresServer postgres) : ServiceApp(postgres, Provider.Sqlite);
public sealed class PostgresServiceApp(PostgresServer postgres) : ServiceApp(postgres, Provider.Postgres);
