using Microsoft.Extensions.Localization;
using ProfilePortal.Components.Billing;
using ProfilePortal.Components.Shared;
using ProfilePortal.Domain.Common;
using ProfilePortal.Resources;

namespace ProfilePortal.Components.Trials;

/// <summary>The localized words of the trial flow's refusals: trial codes first, then billing's (cards, plans).</summary>
internal static class TrialText
{
    public static string Error(IStringLocalizer<SharedResource> l, Error error) =>
        l[$"Trial.Error.{error.Code}"] is { ResourceNotFound: false } text ? text.Value : BillingText.Error(l, error);

    public static string Refusal(IStringLocalizer<SharedResource> l, string? code) =>
        code is null ? l["Trial.Error.trial.not_offered"] : l[$"Trial.Error.{code}"] is { ResourceNotFound: false } text ? text.Value : l[$"Billing.Error.{code}"];

    /// <summary>The trial's length in words: "7 days", "7 дней" (whole days, at least one).</summary>
    public static string Duration(IStringLocalizer<SharedResource> l, TimeSpan length) =>
        PluralText.Format(l, "Trial.Duration", Math.Max(1, (int)Math.Round(length.TotalDays)));
}
