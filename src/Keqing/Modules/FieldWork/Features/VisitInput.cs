using Keqing.Infrastructure.Http;
using Keqing.Modules.FieldWork.Domain;

namespace Keqing.Modules.FieldWork.Features;

/// <summary>The checks a check-in and a check-out share: a point in range, given whole, with a sensible accuracy.</summary>
internal static class VisitInput
{
    public static void CheckPoint(FieldErrors errors, double? lat, double? lng, double? accuracyM)
    {
        if (lat is null != lng is null)
            errors.Add(lat is null ? "lat" : "lng", FieldErrors.Text("Give both lat and lng, or neither."));
        if (lat is { } a && !(a >= -90 && a <= 90)) errors.Add("lat", FieldErrors.Text("lat is between -90 and 90."));
        if (lng is { } b && !(b >= -180 && b <= 180)) errors.Add("lng", FieldErrors.Text("lng is between -180 and 180."));
        if (accuracyM is { } m && !(m >= 0 && m <= Rules.MaxAccuracyM))
            errors.Add("accuracyM", FieldErrors.Text("accuracyM is between 0 and {0} metres.", Rules.MaxAccuracyM));
        if (accuracyM is not null && lat is null) errors.Add("accuracyM", FieldErrors.Text("accuracyM goes with lat and lng."));
    }

    public static string? Notes(string? notes) => string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
}
