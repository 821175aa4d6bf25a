using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace ProfilePortal.Tests.Integration.Operations;

/// <summary>
/// One logger per category: the framework asks for loggers per circuit and per database context, and Serilog's
/// factory would build a new one (with its own caches) on every call (issue 10: memory per open tab).
/// </summary>
public sealed class LoggerFactoryTests
{
    [Fact]
    public void The_same_category_gets_the_same_logger_and_events_still_reach_serilog()
    {
        var sink = new CollectingSink();
        var services = new ServiceCollection().AddLogging();
        services.AddSerilog(new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger(), dispose: true);
        services.CacheLoggersPerCategory();
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<ILoggerFactory>();

        var first = factory.CreateLogger("ProfilePortal.Billing");
        var second = factory.CreateLogger("ProfilePortal.Billing");
        var other = factory.CreateLogger("ProfilePortal.Trials");
        first.LogWarning("Renewal failed for {Subscription}", 42);
        other.LogWarning("Trial reminder skipped");

        Assert.Same(first, second);
        Assert.NotSame(first, other);
        Assert.Same(provider.GetRequiredService<ILogger<LoggerFactoryTests>>(), provider.GetRequiredService<ILogger<LoggerFactoryTests>>());
        Assert.Collection(
            sink.Events,
            e =>
            {
                Assert.Equal("Renewal failed for 42", e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture));
                Assert.Equal("\"ProfilePortal.Billing\"", e.Properties["SourceContext"].ToString());
            },
            e => Assert.Equal("\"ProfilePortal.Trials\"", e.Properties["SourceContext"].ToString()));
    }

    [Fact]
    public void The_portal_registers_the_caching_factory()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.AddPortalLogging();
        using var app = builder.Build();

        Assert.IsType<CachingLoggerFactory>(app.Services.GetRequiredService<ILoggerFactory>());
    }

    [Fact]
    public void Without_a_logger_factory_there_is_nothing_to_cache()
    {
        var services = new ServiceCollection();

        Assert.Throws<InvalidOperationException>(services.CacheLoggersPerCategory);
    }

    private sealed class CollectingSink : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];

        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }
}
