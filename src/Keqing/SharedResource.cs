namespace Keqing;

/// <summary>Marker for the UI's shared string resources (Resources/SharedResource.*.resx).</summary>
public sealed class SharedResource;
