using Keqing.Infrastructure.Http;
using Keqing.Modules.Leads.Contracts;
using Keqing.Modules.Leads.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Keqing.Modules.Leads.Api;

/// <summary>Converting a lead into a customer, a contact and an opportunity, and the customers it probably is already.</summary>
public static class ConvertLeadApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var leads = api.MapGroup("/leads").WithTags("Leads").RequireAuthorization(LeadsCapabilities.Work);
        leads.MapGet("/{id:guid}/convert-suggestions", (Guid id, ConvertLead convert, CancellationToken ct) => convert.Suggestions(id, ct))
            .WithSummary("Existing customers this lead probably is (company, phones, emails, credit code), best first, with the reasons.");
        leads.MapPost("/{id:guid}/convert", async Task<Results<Ok<ConvertLeadResult>, ProblemHttpResult>> (Guid id, ConvertLeadRequest request,
            ConvertLead convert, CancellationToken ct) =>
        {
            try
            {
                return TypedResults.Ok(await convert.Handle(id, request, ct));
            }
            catch (LikelyExistingCustomerException e)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: FieldErrors.Text("Likely duplicate"),
                    detail: FieldErrors.Text("This looks like a customer that exists already (see duplicates): link it, or send the conversion again with duplicatesConfirmed: true."),
                    extensions: new Dictionary<string, object?> { ["duplicates"] = e.Matches });
            }
        }).WithIdempotency().WithSummary("Converts the lead in one transaction: customerId | createCustomer, contact | contactId, optional opportunity {name, amount, expectedCloseDate, pipelineId?, stageId?}.");
    }
}
