namespace ProfilePortal.Resources;

/// <summary>
/// Marker type for the portal's UI strings: <c>IStringLocalizer&lt;SharedResource&gt;</c> reads
/// SharedResource.resx (English, the neutral culture) and SharedResource.ru.resx.
/// </summary>
public sealed class SharedResource;
