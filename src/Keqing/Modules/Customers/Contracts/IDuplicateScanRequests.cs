namespace Keqing.Modules.Customers.Contracts;

/// <summary>
/// Asks for a duplicate scan soon (after an import, DOMAIN A6): the scan is made due now, and the next node whose job
/// wakes up (within a minute) runs it, or runs it again once a scan already under way has finished.
/// </summary>
public interface IDuplicateScanRequests
{
    Task RequestSoon(CancellationToken ct);
}
