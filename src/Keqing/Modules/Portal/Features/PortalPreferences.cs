using Keqing.Infrastructure.Http;
using Keqing.Modules.Portal.Contracts;
using Keqing.Modules.Privacy.Contracts;

namespace Keqing.Modules.Portal.Features;

/// <summary>
/// The contact's communication preferences: marketing and research, each on the channels listed in <see cref="Options"/>,
/// as consents of the Privacy module (source "portal"). A channel counts as granted when the standing answer for it, or
/// for any channel, is a consent.
/// </summary>
public sealed class PortalPreferences(PortalSession session, ISubjectConsents consents)
{
    public static readonly IReadOnlyList<(ConsentPurpose Purpose, ConsentChannel Channel)> Options =
    [
        (ConsentPurpose.Marketing, ConsentChannel.Email), (ConsentPurpose.Marketing, ConsentChannel.Sms),
        (ConsentPurpose.Marketing, ConsentChannel.Phone), (ConsentPurpose.Marketing, ConsentChannel.WeChat),
        (ConsentPurpose.Research, ConsentChannel.Email), (ConsentPurpose.Research, ConsentChannel.Phone),
    ];

    public async Task<IReadOnlyList<PortalPreferenceDto>> Get(CancellationToken ct)
    {
        var standing = await consents.Current(Subject, ct);
        return Options.Select(o =>
        {
            var answer = standing.FirstOrDefault(c => c.Purpose == o.Purpose && c.Channel == o.Channel)
                         ?? standing.FirstOrDefault(c => c.Purpose == o.Purpose && c.Channel == ConsentChannel.Any);
            return new PortalPreferenceDto(Name(o.Purpose), Name(o.Channel), answer?.Granted == true);
        }).ToList();
    }

    public async Task<IReadOnlyList<PortalPreferenceDto>> Set(PortalPreferencesInput input, CancellationToken ct)
    {
        var wanted = new List<(ConsentPurpose, ConsentChannel, bool)>();
        var errors = new FieldErrors();
        var items = input.Preferences ?? [];
        if (items.Count > Options.Count) errors.Add("preferences", FieldErrors.Text("At most {0} preferences.", Options.Count));
        foreach (var p in items.Take(Options.Count))
        {
            var option = Options.Where(o => Name(o.Purpose) == p?.Purpose && Name(o.Channel) == p?.Channel).ToList();
            if (p is null || option.Count == 0) errors.Add("preferences", FieldErrors.Text("Each preference is one of the purposes and channels listed by GET."));
            else wanted.Add((option[0].Purpose, option[0].Channel, p.Granted));
        }
        errors.ThrowIfAny();
        var contact = session.Contact;
        foreach (var (purpose, channel, granted) in wanted)
            await consents.Set(Subject, contact.CustomerId, purpose, channel, granted, "portal", ct);
        return await Get(ct);
    }

    private DataSubject Subject => new(SubjectType.Contact, session.Contact.ContactId);

    public static string Name(ConsentPurpose purpose) => purpose.ToString().ToLowerInvariant();

    public static string Name(ConsentChannel channel) => channel == ConsentChannel.WeChat ? "weChat" : channel.ToString().ToLowerInvariant();
}
