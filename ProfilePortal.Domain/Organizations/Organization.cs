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

    public List<Membership> Members { get; private set; } = [];

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

    public void RefreshSearchKeys() => NormalizedName = SearchKey.Normalize(Name);

    private static string Truncate(string name) => name.Length <= NameMaxLength ? name : name[..NameMaxLength];
}
