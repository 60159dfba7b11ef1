namespace Keqing.Modules.Privacy.Contracts;

/// <summary>
/// The category of personal data a field holds (DOMAIN P1). <see cref="Contact"/> is personal data (how to reach a
/// person); the other four are sensitive personal information in the sense of PIPL art. 28 / GDPR art. 9, whose every
/// view is written to the access log.
/// </summary>
public enum Sensitivity { None = 0, Contact = 1, Health = 2, Finance = 3, Family = 4, Private = 5 }

/// <summary>How far a role may see one category: not at all, only after a logged reveal with a reason, or always.</summary>
public enum GrantLevel { None = 0, Reveal = 1, See = 2 }

/// <summary>Whose data a privacy record is about: a customer (a person or an organisation) or a contact person.</summary>
public enum SubjectType { Customer = 1, Contact = 2 }

/// <summary>The person (or organisation) a data-subject request is about.</summary>
public sealed record DataSubject(SubjectType Type, Guid Id)
{
    /// <summary>The record type key of the subject's records (audit rows, reveals, access log).</summary>
    public string RecordType => RecordTypeOf(Type);

    public static string RecordTypeOf(SubjectType type) => type == SubjectType.Customer ? "customers.customer" : "customers.contact";
}

/// <summary>What the masked value of a field reads as, everywhere (UI, API, export, audit).</summary>
public static class Masked
{
    public const string Text = "***";

    /// <summary>The categories whose every view is logged (sensitive personal information).</summary>
    public static bool IsLoggedOnView(Sensitivity s) => s is Sensitivity.Health or Sensitivity.Finance or Sensitivity.Family or Sensitivity.Private;
}
