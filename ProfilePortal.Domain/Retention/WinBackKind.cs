namespace ProfilePortal.Domain.Retention;

/// <summary>What was cancelled: a trial, or a paid plan. Chooses the win-back emails' wording.</summary>
public enum WinBackKind
{
    Trial = 0,
    Paid = 1,
}

/// <summary>Why a win-back stopped before or after its emails.</summary>
public enum WinBackClosure
{
    /// <summary>Both steps are behind it (step 2 sent, or step 1 skipped by a late sweep).</summary>
    Completed = 0,

    /// <summary>The organization is back on a paid plan or a trial; nothing more to win back.</summary>
    Resubscribed = 1,

    /// <summary>The person opted out of marketing email.</summary>
    Unsubscribed = 2,

    /// <summary>The <c>WinBack</c> flag was off for the person when a step fell due.</summary>
    FlagOff = 3,

    /// <summary>No address to write to (the user has none any more).</summary>
    NoRecipient = 4,
}
