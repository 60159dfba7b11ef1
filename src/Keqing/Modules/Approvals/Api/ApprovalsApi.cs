using Keqing.Infrastructure.Http;
using Keqing.Modules.Approvals.Contracts;
using Keqing.Modules.Approvals.Features;

namespace Keqing.Modules.Approvals.Api;

/// <summary>Approval flows (admin), the caller's approvals and acting on them, and delegations while away.</summary>
public static class ApprovalsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var flows = api.MapGroup("/approval-flows").WithTags("Approvals").RequireAuthorization(ApprovalsCapabilities.ManageFlows);
        flows.MapGet("", (ApprovalFlows handler, CancellationToken ct) => handler.List(ct))
            .WithSummary("Every approval flow with its conditions and ordered steps.");
        flows.MapGet("/record-types", (ApprovalFlows handler) => handler.RecordTypes())
            .WithSummary("The record types a flow can be made for (those a module handles approvals of).");
        flows.MapGet("/{id:guid}", async (Guid id, ApprovalFlows handler, HttpResponse response, CancellationToken ct) =>
        {
            var flow = await handler.Get(id, ct);
            Preconditions.SetETag(response, flow.Version);
            return TypedResults.Ok(flow);
        });
        flows.MapPost("", async (FlowInput input, ApprovalFlows handler, HttpResponse response, CancellationToken ct) =>
        {
            var flow = await handler.Create(input, ct);
            Preconditions.SetETag(response, flow.Version);
            return TypedResults.Created($"/api/approval-flows/{flow.Id}", flow);
        }).WithIdempotency().WithSummary("Creates a flow: record type, conditions (discount above, amount above, customer grades; all must hold), ordered steps.");
        flows.MapPut("/{id:guid}", async (Guid id, FlowInput input, ApprovalFlows handler, HttpContext http, CancellationToken ct) =>
        {
            var flow = await handler.Update(id, Preconditions.RequiredVersion(http.Request), input, ct);
            Preconditions.SetETag(http.Response, flow.Version);
            return TypedResults.Ok(flow);
        }).WithSummary("Changes a flow and replaces its steps (If-Match); submitted requests keep theirs.");
        flows.MapDelete("/{id:guid}", async (Guid id, ApprovalFlows handler, CancellationToken ct) =>
        {
            await handler.Delete(id, ct);
            return TypedResults.NoContent();
        });

        var approvals = api.MapGroup("/approvals").WithTags("Approvals").RequireAuthorization(ApprovalsCapabilities.Act);
        approvals.MapGet("", (string? view, bool? mine, string? status, int? limit, string? after, ApprovalRequests handler, CancellationToken ct) =>
                handler.List(new ApprovalListQuery(QueryValues.Enum<ApprovalView>(view, "view"), mine, StatusOf(status)),
                    limit, after, ct))
            .WithSummary("The caller's approvals, newest first, keyset-paged (after=the page's next): view=waiting (for me, the default), submitted " +
                         "(by me) or decided (by me); or mine=true&status=pending (waiting for me), mine=true&status=approved|rejected|sent-back|withdrawn " +
                         "(submitted by me or with me as approver), mine=false (every request one may see).");
        approvals.MapGet("/count", async (ApprovalRequests handler, CancellationToken ct) => TypedResults.Ok(new PendingCountDto(await handler.PendingCount(ct))))
            .WithSummary("How many approvals are waiting for the caller.");
        approvals.MapGet("/{id:guid}", (Guid id, ApprovalRequests handler, CancellationToken ct) => handler.Get(id, ct))
            .WithSummary("One request with its steps, approvers and history (its submitter, its approvers and admins see it).");
        approvals.MapPost("/{id:guid}/approve", async (Guid id, ApprovalActionInput? input, ApprovalRequests handler, CancellationToken ct) =>
        {
            await handler.Approve(id, input, ct);
            return await handler.Get(id, ct);
        }).WithSummary("Approves the caller's part of the current step (optional reason as comment); 409 when already decided.");
        approvals.MapPost("/{id:guid}/reject", async (Guid id, ApprovalActionInput? input, ApprovalRequests handler, CancellationToken ct) =>
        {
            await handler.Reject(id, input, sendBack: false, ct);
            return await handler.Get(id, ct);
        }).WithSummary("Rejects the request (reason required).");
        approvals.MapPost("/{id:guid}/send-back", async (Guid id, ApprovalActionInput? input, ApprovalRequests handler, CancellationToken ct) =>
        {
            await handler.Reject(id, input, sendBack: true, ct);
            return await handler.Get(id, ct);
        }).WithSummary("Sends the request back to the submitter to change and submit again (reason required).");
        approvals.MapPost("/{id:guid}/add-signer", async (Guid id, ApprovalActionInput? input, ApprovalRequests handler, CancellationToken ct) =>
        {
            await handler.AddSigner(id, input, ct);
            return await handler.Get(id, ct);
        }).WithSummary("加签: adds userId as an extra step right after the current one.");
        approvals.MapPost("/{id:guid}/delegate", async (Guid id, ApprovalActionInput? input, ApprovalRequests handler, CancellationToken ct) =>
        {
            await handler.Delegate(id, input, ct);
            return await handler.Get(id, ct);
        }).WithSummary("Hands the caller's waiting task to userId.");
        approvals.MapPost("/{id:guid}/withdraw", async (Guid id, ApprovalRequests handler, CancellationToken ct) =>
        {
            await handler.Withdraw(id, ct);
            return await handler.Get(id, ct);
        }).WithSummary("The submitter withdraws a pending request.");

        var delegations = api.MapGroup("/approval-delegations").WithTags("Approvals").RequireAuthorization(ApprovalsCapabilities.Act);
        delegations.MapGet("", (ApprovalDelegations handler, CancellationToken ct) => handler.Mine(ct))
            .WithSummary("The caller's delegations while away that have not ended.");
        delegations.MapPost("", async (DelegationInput input, ApprovalDelegations handler, CancellationToken ct) =>
        {
            var delegation = await handler.Create(input, ct);
            return TypedResults.Created($"/api/approval-delegations/{delegation.Id}", delegation);
        }).WithIdempotency().WithSummary("Approvals reaching the caller between startsAt (default now) and endsAt go to toUserId.");
        delegations.MapDelete("/{id:guid}", async (Guid id, ApprovalDelegations handler, CancellationToken ct) =>
        {
            await handler.Delete(id, ct);
            return TypedResults.NoContent();
        });
    }

    public sealed record PendingCountDto(int Count);

    /// <summary>A status as the API writes it (sent-back, not SentBack).</summary>
    private static ApprovalStatus? StatusOf(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "pending" => ApprovalStatus.Pending,
        "approved" => ApprovalStatus.Approved,
        "rejected" => ApprovalStatus.Rejected,
        "sent-back" => ApprovalStatus.SentBack,
        "withdrawn" => ApprovalStatus.Withdrawn,
        _ => throw new ValidationFailedException("status", FieldErrors.Text("One of {0}.", "pending, approved, rejected, sent-back, withdrawn")),
    };
}
