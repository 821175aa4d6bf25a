namespace ProfilePortal.Domain.Notifications;

/// <summary>What one dispatcher run did, for logs and tests.</summary>
/// <param name="Sent">Accepted by the mail server.</param>
/// <param name="Retrying">Failed this time and scheduled again with back-off.</param>
/// <param name="Failed">Failed for the last allowed time; nobody will try again.</param>
/// <param name="Skipped">Claimed by another dispatcher between the sweep and the claim.</param>
/// <param name="Suppressed">Marketing mail dropped because the recipient opted out.</param>
public sealed record EmailDispatchResult(int Sent, int Retrying, int Failed, int Skipped, int Suppressed = 0)
{
    public static EmailDispatchResult None { get; } = new(0, 0, 0, 0);

    internal static EmailDispatchResult OneSent { get; } = new(1, 0, 0, 0);

    internal static EmailDispatchResult OneRetrying { get; } = new(0, 1, 0, 0);

    internal static EmailDispatchResult OneFailed { get; } = new(0, 0, 1, 0);

    internal static EmailDispatchResult OneSkipped { get; } = new(0, 0, 0, 1);

    internal static EmailDispatchResult OneSuppressed { get; } = new(0, 0, 0, 0, 1);

    /// <summary>Messages this run took from the queue and did something with.</summary>
    public int Processed => Sent + Retrying + Failed + Suppressed;

    public static EmailDispatchResult operator +(EmailDispatchResult left, EmailDispatchResult right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new(left.Sent + right.Sent, left.Retrying + right.Retrying, left.Failed + right.Failed, left.Skipped + right.Skipped, left.Suppressed + right.Suppressed);
    }

    public static EmailDispatchResult Add(EmailDispatchResult left, EmailDispatchResult right) => left + right;
}
