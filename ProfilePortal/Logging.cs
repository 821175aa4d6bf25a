using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serilog;

namespace ProfilePortal;

internal static class Logging
{
    /// <summary>
    /// Serilog from the <c>Serilog</c> configuration section: console and a rolling file by default
    /// (appsettings.json), enriched with the request's context. The logger factory keeps one logger per category
    /// (<see cref="CachingLoggerFactory"/>).
    /// </summary>
    public static void AddPortalLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext());
        builder.Services.CacheLoggersPerCategory();
    }

    /// <summary>Wraps the registered <see cref="ILoggerFactory"/> in a <see cref="CachingLoggerFactory"/>.</summary>
    internal static void CacheLoggersPerCategory(this IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(ILoggerFactory))
            ?? throw new InvalidOperationException("No ILoggerFactory is registered to cache.");
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(provider =>
            new CachingLoggerFactory(registered switch
            {
                { ImplementationInstance: ILoggerFactory instance } => instance,
                { ImplementationFactory: { } create } => (ILoggerFactory)create(provider),
                { ImplementationType: { } type } => (ILoggerFactory)ActivatorUtilities.CreateInstance(provider, type),
                _ => throw new InvalidOperationException("The registered ILoggerFactory cannot be created."),
            })));
    }
}

/// <summary>
/// One logger per category, as Microsoft's own <c>LoggerFactory</c> keeps them. Serilog's factory builds a new
/// logger (with its own event id cache, a concurrent dictionary) on every call, and the framework asks for loggers
/// per circuit and per database context: about 28 loggers, 14 KB, in every open tab (issue 10, docs/performance.md).
/// </summary>
internal sealed class CachingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, Microsoft.Extensions.Logging.ILogger> _loggers = new(StringComparer.Ordinal);

    public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) =>
        _loggers.GetOrAdd(categoryName, inner.CreateLogger);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();
}
