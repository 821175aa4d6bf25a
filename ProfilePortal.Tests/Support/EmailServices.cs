using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ProfilePortal.Domain.Common;
using ProfilePortal.Infrastructure.Email;

namespace ProfilePortal.Tests.Support;

/// <summary>
/// The email registrations exactly as the app makes them (<see cref="EmailServiceCollectionExtensions.AddPortalEmail"/>),
/// sending to <paramref name="smtpPort"/> on loopback, over the database and clock of <paramref name="portal"/>.
/// </summary>
public static class EmailServices
{
    public const string FromAddress = "no-reply@portal.test";

    public static ServiceProvider Create(int smtpPort, PortalServices portal)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Smtp:Host"] = "127.0.0.1",
                ["Smtp:Port"] = $"{smtpPort}",
                ["Smtp:Security"] = "None",
                ["Smtp:FromAddress"] = FromAddress,
                ["Smtp:FromName"] = "ProfilePortal Tests",
                ["Smtp:TimeoutSeconds"] = "5",
            })
            .Build();

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(NullLoggerProvider.Instance));
        services.AddSingleton<TimeProvider>(portal.Clock);
        services.AddSingleton(portal.Get<IPortalDbContextFactory>());
        services.AddPortalEmail(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }
}
