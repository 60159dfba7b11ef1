using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Timeline.Contracts;
using Keqing.Modules.Timeline.Features;

namespace Keqing.Modules.Timeline.Api;

/// <summary>The contact-history endpoints: timeline, interactions, commitments, tasks, my day, alerts, hand-over, settings.</summary>
public static class TimelineApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var customers = api.MapGroup("/customers").WithTags("Timeline");
        customers.MapGet("/{id:guid}/timeline", (Guid id, GetTimeline handler, string? type, string? channel, Guid? userId, int? limit, string? after, CancellationToken ct) =>
            handler.Handle(id, new GetTimeline.Filter(type, channel, userId), limit, after, ct))
            .WithSummary("Everything that happened with the customer, newest first (every module's entries), keyset-paged.");
        customers.MapGet("/{id:guid}/brief", (Guid id, CustomerBrief handler, CancellationToken ct) => handler.Handle(id, ct))
            .WithSummary("The hand-over brief: last contacts, open commitments, open tasks, agreed next steps.");

        var interactions = api.MapGroup("/interactions").WithTags("Timeline");
        interactions.MapGet("", (ListInteractions handler, Guid? customerId, Guid? userId, string? channel, int? limit, string? after, CancellationToken ct) =>
            handler.Handle(customerId, userId, QueryValues.Enum<InteractionChannel>(channel, "channel"), limit, after, ct))
            .WithSummary("Interactions the caller may see, newest first.");
        interactions.MapPost("", async (InteractionInput input, SaveInteraction handler, HttpResponse response, CancellationToken ct) =>
        {
            var interaction = await handler.Create(input, ct);
            Preconditions.SetETag(response, interaction.Version);
            return TypedResults.Created($"/api/interactions/{interaction.Id}", interaction);
        }).WithIdempotency().WithSummary("Logs an interaction; broken contact boundaries come back in warnings, the log is kept.");
        interactions.MapGet("/{id:guid}", async (Guid id, ListInteractions handler, HttpResponse response, CancellationToken ct) =>
        {
            var interaction = await handler.Get(id, ct);
            Preconditions.SetETag(response, interaction.Version);
            return TypedResults.Ok(interaction);
        });
        interactions.MapPut("/{id:guid}", async (Guid id, InteractionInput input, SaveInteraction handler, HttpContext http, CancellationToken ct) =>
        {
            var interaction = await handler.Update(id, Preconditions.RequiredVersion(http.Request), input, ct);
            Preconditions.SetETag(http.Response, interaction.Version);
            return TypedResults.Ok(interaction);
        });
        interactions.MapDelete("/{id:guid}", async (Guid id, SaveInteraction handler, CancellationToken ct) =>
        {
            await handler.Delete(id, ct);
            return TypedResults.NoContent();
        });

        var commitments = api.MapGroup("/commitments").WithTags("Timeline");
        commitments.MapGet("", (Commitments handler, Guid? customerId, Guid? ownerId, string? status, bool? overdue, int? limit, string? after, CancellationToken ct) =>
            handler.List(customerId, ownerId, QueryValues.Enum<CommitmentStatus>(status, "status"), overdue, limit, after, ct))
            .WithSummary("Commitments the caller may see, soonest due first.");
        commitments.MapPost("", async (CommitmentInput input, Commitments handler, CancellationToken ct) =>
        {
            var commitment = await handler.Create(input, ct);
            return TypedResults.Created($"/api/commitments/{commitment.Id}", commitment);
        }).WithIdempotency();
        commitments.MapPost("/{id:guid}/complete", async (Guid id, CloseCommitmentInput? input, Commitments handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.Complete(id, input, ct)));
        commitments.MapPost("/{id:guid}/break", async (Guid id, CloseCommitmentInput? input, Commitments handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.Break(id, input, ct)));

        var tasks = api.MapGroup("/tasks").WithTags("Timeline");
        tasks.MapGet("", (Tasks handler, Guid? assigneeId, Guid? customerId, string? status, int? limit, string? after, string? subjectType,
                Guid? subjectId, CancellationToken ct) =>
            handler.List(assigneeId, customerId, QueryValues.Enum<TaskState>(status, "status"), limit, after, ct, subjectType, subjectId))
            .WithSummary("Tasks the caller may see, soonest due first.");
        tasks.MapPost("", async (TaskInput input, Tasks handler, CancellationToken ct) =>
        {
            var task = await handler.Create(input, ct);
            return TypedResults.Created($"/api/tasks/{task.Id}", task);
        }).WithIdempotency();
        tasks.MapGet("/{id:guid}", async (Guid id, Tasks handler, HttpResponse response, CancellationToken ct) =>
        {
            var task = await handler.Get(id, ct);
            Preconditions.SetETag(response, task.Version);
            return TypedResults.Ok(task);
        });
        tasks.MapPut("/{id:guid}", async (Guid id, TaskInput input, Tasks handler, HttpContext http, CancellationToken ct) =>
        {
            var task = await handler.Update(id, Preconditions.RequiredVersion(http.Request), input, ct);
            Preconditions.SetETag(http.Response, task.Version);
            return TypedResults.Ok(task);
        }).WithSummary("Changes an open task (If-Match); its customer stays.");
        tasks.MapPost("/{id:guid}/complete", async (Guid id, Tasks handler, CancellationToken ct) => TypedResults.Ok(await handler.Complete(id, ct)));

        var me = api.MapGroup("/me").WithTags("Timeline");
        me.MapGet("/day", (MyDay handler, CancellationToken ct) => handler.Handle(ct))
            .WithSummary("Today's and overdue tasks, commitments due, customers due for contact by cadence.");
        me.MapGet("/day/customers", (MyDay handler, int? offset, int? limit, CancellationToken ct) => handler.CustomersDue(offset, limit, ct))
            .WithSummary("The caller's customers due for contact by cadence, overdue longest first (never contacted first), with a phone to call.");
        me.MapGet("/alerts", (Alerts handler, bool? unread, int? limit, string? after, CancellationToken ct) => handler.List(unread, limit, after, ct));
        me.MapPost("/alerts/{id:guid}/read", async (Guid id, Alerts handler, CancellationToken ct) =>
        {
            await handler.MarkRead(id, ct);
            return TypedResults.NoContent();
        });

        api.MapPost("/handovers", async (HandoverRequest request, HandOver handler, CancellationToken ct) =>
        {
            var result = await handler.Handle(request, ct);
            return TypedResults.Created($"/api/handovers/{result.Id}", result);
        }).WithTags("Timeline").WithIdempotency()
            .WithSummary("Moves one, some or all of an employee's customers, with their open tasks and commitments, round-robin to colleagues.");

        api.MapGet("/handovers/outstanding", async (Guid userId, HandOver handover, HandoverCheck check, CancellationToken ct) =>
        {
            await handover.CustomersOf(userId, null, 1, ct);
            return TypedResults.Ok(await check.Outstanding(userId, ct));
        }).WithTags("Timeline").WithSummary("What an employee still holds (customers, open tasks, open commitments): hand it over before deactivating them.");

        var settings = api.MapGroup("/timeline/settings").WithTags("Timeline");
        settings.MapGet("", async (TimelineSettingsStore store, HttpResponse response, CancellationToken ct) =>
        {
            var current = await store.Get(ct);
            Preconditions.SetETag(response, current.Version);
            return TypedResults.Ok(current);
        }).WithSummary("Contact cadence per grade, quiet hours, weekly cap per channel, time zone.");
        settings.MapPut("", async (TimelineSettingsDto input, TimelineSettingsStore store, HttpContext http, CancellationToken ct) =>
        {
            var saved = await store.Put(Preconditions.RequiredVersion(http.Request), input, ct);
            Preconditions.SetETag(http.Response, saved.Version);
            return TypedResults.Ok(saved);
        }).RequireAuthorization(TimelineCapabilities.ManageSettings);

        var contacts = api.MapGroup("/contacts").WithTags("Timeline");
        contacts.MapGet("/{id:guid}/preferences", (Guid id, ContactPreferences handler, CancellationToken ct) => handler.Get(id, ct));
        contacts.MapPut("/{id:guid}/preferences", (Guid id, PreferenceInput input, ContactPreferences handler, CancellationToken ct) =>
            handler.Put(id, input.PersonalOccasionOptIn, ct))
            .WithSummary("Records whether the contact invited personal-occasion contact (family events, home visits).");
    }

    /// <summary>What a contact-preference update sends.</summary>
    public sealed record PreferenceInput(bool PersonalOccasionOptIn);
}
