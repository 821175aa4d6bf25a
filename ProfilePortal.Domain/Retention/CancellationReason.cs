namespace ProfilePortal.Domain.Retention;

/// <summary>Why a customer cancels (the reason step of the cancellation flow); stored by name.</summary>
public enum CancellationReason
{
    TooExpensive = 0,
    NotUsingEnough = 1,
    MissingFeatures = 2,
    TechnicalProblems = 3,
    SwitchingService = 4,
    TakingABreak = 5,

    /// <summary>Needs the customer's own words.</summary>
    Other = 6,
}
