namespace ProfilePortal.Resources;

/// <summary>
/// Marker type for country names: <c>IStringLocalizer&lt;CountryNames&gt;</c> reads CountryNames.resx (English)
/// and CountryNames.ru.resx, keyed by ISO 3166-1 alpha-2 code.
/// </summary>
public sealed class CountryNames;
