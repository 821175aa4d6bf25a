using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Components.Profile;

/// <summary>The real domain services on a SQLite database of their own, with a switch to take the database down.</summary>
public class ProfileUiServices : PortalServices
{
    public DatabaseOutage Outage { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IInterceptor>(Outage);
}
