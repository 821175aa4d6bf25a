namespace ProfilePortal.Domain.Common;

/// <summary>
/// A row two actors can change at once. The store checks <see cref="Version"/> on update and issues a new
/// one with every save, so a stale write fails with a conflict instead of overwriting.
/// </summary>
public interface IVersioned
{
    Guid Version { get; set; }
}
