namespace Keqing.Modules.FieldWork.Domain;

/// <summary>The limits of Field work's input.</summary>
public static class Rules
{
    public const int MaxNotes = 4000;
    public const int MaxTileUrl = 500;
    public const int MaxPhotoBytes = 5 << 20;
    public const int MaxPhotosPerVisit = 9;
    /// <summary>How far back a check-in sent later (offline) may say it happened.</summary>
    public static readonly TimeSpan MaxBackdating = TimeSpan.FromDays(1);
    /// <summary>Accuracy larger than this is not a location (the browser's coarse guess); refused.</summary>
    public const double MaxAccuracyM = 100_000;
}
