using ProfilePortal.Domain.Common;

namespace ProfilePortal.Domain.Organizations;

/// <summary>The tenant and billing account. Subscriptions, quota and payment methods belong to it.</summary>
public sealed class Organization : ISearchKeyed
{
    public const int NameMaxLength = 200;

    private Organization()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = string.Empty;

    /// <summary>The search key (<see cref="SearchKey"/>) of <see cref="Name"/>, kept by the store on every save.</summary>
    public string? NormalizedName { get; private set; }

    /// <summary>True for the organization created with an account, which cannot be left or deleted alone.</summary>
    public bool IsPersonal { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>
    /// When an Owner deleted it; null while it lives. A deleted organization has no members left, so no one sees
    /// it, while its subscription, grants, usage and payments stay for accounting (ADR-018).
    /// </summary>
    public DateTimeOffset? DeletedAt { get; private set; }

    public List<Membership> Members { get; private set; } = [];

    /// <summary>
    /// Changes with every change to who the Owners are. A concurrency token: two changes that each read "another
    /// Owner remains" (two Owners demoting or removing each other at once) cannot both save, so the last Owner stays.
    /// </summary>
    public Guid OwnersStamp { get; private set; }

    /// <summary>A personal organization with <paramref name="ownerId"/> as its Owner.</summary>
    public static Organization CreatePersonal(Guid ownerId, string name, DateTimeOffset now)
    {
        var organization = new Organization
        {
            Id = Guid.CreateVersion7(now),
            Name = Truncate(string.IsNullOrWhiteSpace(name) ? "Personal" : name.Trim()),
            IsPersonal = true,
            CreatedAt = now,
        };
        organization.Members.Add(Membership.Create(organization.Id, ownerId, OrganizationRole.Owner, now));
        return organization;
    }

    /// <summary>A shared organization named <paramref name="name"/> (see <see cref="ValidateName"/>) with its creator as Owner.</summary>
    public static Organization Create(Guid ownerId, string name, DateTimeOffset now)
    {
        var organization = new Organization
        {
            Id = Guid.CreateVersion7(now),
            Name = name,
            CreatedAt = now,
        };
        organization.Members.Add(Membership.Create(organization.Id, ownerId, OrganizationRole.Owner, now));
        return organization;
    }

    /// <summary>The trimmed name, or a validation error when it is empty or longer than <see cref="NameMaxLength"/>.</summary>
    public static Result<string> ValidateName(string? name)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            return new Error("organizations.name_required", "Enter a name.", nameof(Name));
        }

        return trimmed.Length > NameMaxLength
            ? new Error("organizations.name_too_long", $"The name is longer than {NameMaxLength} characters.", nameof(Name))
            : trimmed;
    }

    /// <summary>Renames to a name already checked by <see cref="ValidateName"/>.</summary>
    public void Rename(string name) => Name = name;

    public void MarkDeleted(DateTimeOffset now) => DeletedAt ??= now;

    /// <summary>Records, in the caller's save, that an Owner is added, demoted or removed (see <see cref="OwnersStamp"/>).</summary>
    public void OwnersChanged() => OwnersStamp = Guid.NewGuid();

    public void RefreshSearchKeys() => NormalizedName = SearchKey.Normalize(Name);

    private static string Truncate(string name) => name.Length <= NameMaxLength ? name : name[..NameMaxLength];
}
