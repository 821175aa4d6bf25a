namespace ProfilePortal.Domain.Activity;

/// <summary>Everything the timeline shows. The first three come from the ML platform's usage events.</summary>
public enum ActivityKind
{
    TrainingRun = 0,
    DatasetUpload = 1,
    Job = 2,
    QuotaChanged = 3,
    ProfileEdited = 4,
    PlanChanged = 5,
}
