using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.EndToEnd;

/// <summary>One running portal and one browser for all journeys; each test uses its own browser context and users.</summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<PortalApp>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "End to end";
}
