namespace Keqing.Modules.Service.Features;

/// <summary><c>Keqing:Service:Mail</c>: cases from email (<see cref="CaseMailIntake"/>).</summary>
public sealed class CaseMailOptions
{
    public const string Section = "Keqing:Service:Mail";

    /// <summary>
    /// Who owns a case opened from email: this user when set (a service desk's dispatcher), else the customer's owner.
    /// </summary>
    public Guid? OwnerId { get; set; }

    /// <summary>
    /// Mail from a sender no customer or contact holds: opened as a case on this customer (a "to be sorted" customer an
    /// agent triages from) when set; otherwise left unclaimed in the mailbox, where the admin sees it.
    /// </summary>
    public Guid? UnknownSenderCustomerId { get; set; }
}
