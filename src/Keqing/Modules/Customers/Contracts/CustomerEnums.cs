using System.Text.Json.Serialization;

namespace Keqing.Modules.Customers.Contracts;

/// <summary>An organisation (法人客户) or a person (自然人客户).</summary>
public enum CustomerKind { Organization = 1, Person = 2 }

/// <summary>The value grade of a customer (DOMAIN K1).</summary>
public enum CustomerGrade
{
    [JsonStringEnumMemberName("A")] A = 1,
    [JsonStringEnumMemberName("B")] B = 2,
    [JsonStringEnumMemberName("C")] C = 3,
    [JsonStringEnumMemberName("D")] D = 4,
}

/// <summary>
/// The lawful basis on which personal data of a customer or contact is held (PIPL art. 13, GDPR art. 6; DOMAIN P2).
/// <see cref="None"/> means no lawful basis is recorded: the record may be kept for the relationship it came with but is
/// never used for marketing or profiling.
/// </summary>
public enum LegalBasis { None = 0, Consent = 1, Contract = 2, LegalObligation = 3, VitalInterest = 4, PublicInterest = 5, PubliclyDisclosed = 6 }

/// <summary>The type of an admin-defined custom field.</summary>
public enum CustomFieldType { Text = 1, Number = 2, Date = 3, SingleChoice = 4, MultiChoice = 5 }
