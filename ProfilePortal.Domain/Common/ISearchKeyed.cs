namespace ProfilePortal.Domain.Common;

/// <summary>
/// A row with normalized copies of its text fields for the admins' prefix search (see <see cref="SearchKey"/>).
/// The store calls <see cref="RefreshSearchKeys"/> before every insert and update, so no write path can forget it.
/// </summary>
public interface ISearchKeyed
{
    void RefreshSearchKeys();
}
