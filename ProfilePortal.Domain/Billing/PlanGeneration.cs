namespace ProfilePortal.Domain.Billing;

/// <summary>Which price list a plan belongs to (seed 002 phase A).</summary>
public enum PlanGeneration
{
    /// <summary>The free tier every organization starts on.</summary>
    Free = 0,

    /// <summary>Plans sold before the new price list; hidden from sale, renewed for existing subscribers.</summary>
    Legacy = 1,

    /// <summary>The current price list.</summary>
    New = 2,
}
