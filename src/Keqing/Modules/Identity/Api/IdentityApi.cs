using Keqing.Infrastructure.Http;
using Keqing.Modules.Identity.Contracts;
using Keqing.Modules.Identity.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Keqing.Modules.Identity.Api;

/// <summary>The identity endpoints: tokens, the signed-in user, users and teams.</summary>
public static class IdentityApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/auth/token", async Task<Results<Ok<IssueToken.Response>, ProblemHttpResult>> (
                IssueToken.Request request, IssueToken handler, TimeProvider clock, CancellationToken ct) =>
            {
                var errors = new FieldErrors().Required("email", request.Email).MaxLength("email", request.Email, 256)
                    .Required("password", request.Password).MaxLength("password", request.Password, 256)
                    .MaxLength("label", request.Label, 100);
                errors.ThrowIfAny();
                var outcome = await handler.Handle(request, ct);
                if (outcome.Token is { } token) return TypedResults.Ok(token);
                var detail = outcome.LockedUntil is { } until
                    ? FieldErrors.Text("Too many failed sign-ins: the account is locked for {0} more minutes.",
                        Math.Max(1, (int)Math.Ceiling((until - clock.GetUtcNow()).TotalMinutes)))
                    : FieldErrors.Text("The email or password is wrong, or the account is deactivated.");
                return TypedResults.Problem(statusCode: 401, title: FieldErrors.Text("Sign-in failed"), detail: detail);
            })
            .AllowAnonymous()
            .WithTags("Auth").WithSummary("Exchange email and password for a bearer token.");

        var tokens = api.MapGroup("/auth/tokens").WithTags("Auth");
        tokens.MapGet("", (ApiTokens handler, Guid? userId, CancellationToken ct) => handler.List(userId, ct))
            .WithSummary("The caller's API tokens (an admin may ask for any user's with userId), newest first.");
        tokens.MapDelete("/{id:guid}", async (Guid id, ApiTokens handler, CancellationToken ct) => TypedResults.Ok(await handler.Revoke(id, ct)))
            .WithSummary("Revokes an API token of the caller (an admin: of anyone); it stops working at once.");

        api.MapGet("/me", async (Infrastructure.Auth.CurrentUser me, Infrastructure.Data.KeqingDb db, CancellationToken ct) =>
                TypedResults.Ok(await UserProjection.One(db, me.UserId, ct)))
            .WithTags("Auth").WithSummary("The signed-in user.");

        var users = api.MapGroup("/users").WithTags("Users").RequireAuthorization(IdentityCapabilities.ManageUsers);
        users.MapGet("", (ListUsers handler, string? q, int? limit, string? after, CancellationToken ct) =>
            handler.Handle(q, limit, after, ct));
        users.MapGet("/{id:guid}", async (Guid id, Infrastructure.Data.KeqingDb db, HttpResponse response, CancellationToken ct) =>
        {
            var user = await UserProjection.One(db, id, ct);
            Preconditions.SetETag(response, user.Version);
            return TypedResults.Ok(user);
        });
        users.MapPost("", async (CreateUser.Request request, CreateUser handler, HttpResponse response, CancellationToken ct) =>
        {
            var user = await handler.Handle(request, ct);
            Preconditions.SetETag(response, user.Version);
            return TypedResults.Created($"/api/users/{user.Id}", user);
        }).WithIdempotency();
        users.MapPut("/{id:guid}", async (Guid id, UpdateUser.Request request, UpdateUser handler, HttpContext http, CancellationToken ct) =>
        {
            var user = await handler.Handle(id, Preconditions.RequiredVersion(http.Request), request, ct);
            Preconditions.SetETag(http.Response, user.Version);
            return TypedResults.Ok(user);
        });
        users.MapPost("/{id:guid}/deactivate", async (Guid id, DeactivateUser handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.Deactivate(id, ct)));
        users.MapPost("/{id:guid}/activate", async (Guid id, DeactivateUser handler, CancellationToken ct) =>
            TypedResults.Ok(await handler.Reactivate(id, ct)));
        users.MapPost("/{id:guid}/reset-password", async (Guid id, ResetPassword.Request request, ResetPassword handler, CancellationToken ct) =>
        {
            await handler.Handle(id, request, ct);
            return TypedResults.NoContent();
        });

        var teams = api.MapGroup("/teams").WithTags("Teams");
        teams.MapGet("", (ManageTeams handler, int? limit, string? after, CancellationToken ct) => handler.List(limit, after, ct));
        teams.MapGet("/{id:guid}", async (Guid id, ManageTeams handler, HttpResponse response, CancellationToken ct) =>
        {
            var team = await handler.Get(id, ct);
            Preconditions.SetETag(response, team.Version);
            return TypedResults.Ok(team);
        });
        teams.MapPost("", async (ManageTeams.Request request, ManageTeams handler, HttpResponse response, CancellationToken ct) =>
        {
            var team = await handler.Create(request, ct);
            Preconditions.SetETag(response, team.Version);
            return TypedResults.Created($"/api/teams/{team.Id}", team);
        }).WithIdempotency().RequireAuthorization(IdentityCapabilities.ManageUsers);
        teams.MapPut("/{id:guid}", async (Guid id, ManageTeams.Request request, ManageTeams handler, HttpContext http, CancellationToken ct) =>
        {
            var team = await handler.Update(id, Preconditions.RequiredVersion(http.Request), request, ct);
            Preconditions.SetETag(http.Response, team.Version);
            return TypedResults.Ok(team);
        }).RequireAuthorization(IdentityCapabilities.ManageUsers);
    }
}
