namespace Keqing.Infrastructure.Http;

/// <summary>A request that breaks a rule: 400 with every bad field and its messages.</summary>
public sealed class ValidationFailedException(IDictionary<string, string[]> errors)
    : Exception("One or more fields are invalid.")
{
    public IDictionary<string, string[]> Errors { get; } = errors;

    public ValidationFailedException(string field, string message) : this(new Dictionary<string, string[]> { [field] = [message] }) { }
}

/// <summary>The record does not exist or the caller may not see it: 404, never saying which.</summary>
public sealed class NotFoundException(string what = "record") : Exception($"The {what} was not found.");

/// <summary>The caller may see the record but not do this to it: 403.</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>An update without If-Match: 428.</summary>
public sealed class PreconditionRequiredException()
    : Exception("This update needs an If-Match header with the record's ETag (its version).");

/// <summary>An update against a version that is no longer current: 412.</summary>
public sealed class PreconditionFailedException()
    : Exception("The record was changed by someone else since you read it. Reload it and apply your change again.");

/// <summary>A request that conflicts with the current state (duplicate name, request in flight): 409.</summary>
public sealed class ConflictException(string message) : Exception(message);

/// <summary>An <c>Idempotency-Key</c> sent again with another request body: 422 (the key is not reused for another request).</summary>
public sealed class IdempotencyKeyReusedException()
    : Exception("This Idempotency-Key was already used with another request body; use a new key for a new request.");
