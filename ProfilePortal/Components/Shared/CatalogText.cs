using Microsoft.Extensions.Localization;
using ProfilePortal.Resources;

namespace ProfilePortal.Components.Shared;

/// <summary>
/// Names of plans and quota packs in the reader's language, by their stable code (<c>Catalog.new_monthly</c>);
/// an item an operator added without a translation keeps its catalogue name.
/// </summary>
public static class CatalogText
{
    public static string PlanName(IStringLocalizer<SharedResource> l, string? code, string? fallback) => Name(l, code, fallback);

    public static string PackName(IStringLocalizer<SharedResource> l, string code, string fallback) => Name(l, code, fallback);

    private static string Name(IStringLocalizer<SharedResource> l, string? code, string? fallback) =>
        code is { Length: > 0 } && l[$"Catalog.{code}"] is { ResourceNotFound: false } text ? text.Value : fallback ?? code ?? "";
}
