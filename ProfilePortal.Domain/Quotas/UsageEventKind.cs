namespace ProfilePortal.Domain.Quotas;

/// <summary>What the ML platform recorded. Stored as text; the platform's contract is in docs/usage-events.md.</summary>
public enum UsageEventKind
{
    TrainingRun = 0,
    DatasetUpload = 1,
    Job = 2,
}
