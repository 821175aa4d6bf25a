using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Profile;

/// <summary>The portal's services with a command counter, to hold the page to its round-trip budget.</summary>
public sealed class ProfileServices : PortalServices
{
    public CommandCounter Commands { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IInterceptor>(Commands);
}
