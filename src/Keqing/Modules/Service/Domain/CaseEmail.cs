using Keqing.Infrastructure.Data;
using Keqing.Modules.Privacy.Contracts;

namespace Keqing.Modules.Service.Domain;

/// <summary>Whether a case's email came in from the customer or went out to them.</summary>
public enum CaseEmailDirection { Inbound, Outbound }

/// <summary>
/// One email of a case's conversation, by Message-ID: a customer's message that opened or joined the case, or an
/// agent's reply Keqing sent. A customer's answer names these ids in In-Reply-To / References, which threads it into
/// the case without the case token in the subject.
/// </summary>
public sealed class CaseEmail
{
    public Guid Id { get; set; } = OrderedId.New();
    public Guid CaseId { get; set; }
    /// <summary>The conversation message it carried.</summary>
    public Guid CaseMessageId { get; set; }
    public CaseEmailDirection Direction { get; set; }
    /// <summary>The Message-ID, without angle brackets.</summary>
    public string MessageId { get; set; } = "";
    /// <summary>The customer's address: who wrote (inbound) or whom it went to (outbound).</summary>
    [Personal(Sensitivity.Contact)] public string Address { get; set; } = "";
    /// <summary>The mailbox it came into (inbound), so replies name that mailbox's address.</summary>
    public Guid? MailboxId { get; set; }
    public DateTime At { get; set; }
}
