using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Credentials;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Credentials;

/// <summary>Every log line of every category and level, EF Core's commands included, while credentials are used.</summary>
public sealed class CredentialLoggingServices : PortalServices
{
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<ILoggerProvider>(Logs);
        services.Configure<LoggerFilterOptions>(options => options.MinLevel = LogLevel.Trace);
    }
}

public sealed class CredentialLoggingTests(CredentialLoggingServices portal) : IClassFixture<CredentialLoggingServices>
{
    private const string Secret = "ghp_Zq8vT3xK0pLmN4wR7yB2cF6hJ9dS1aE5";
    private const string Replacement = "ghp_Replacement0000Value1111Xyz";

    [Fact]
    public async Task The_value_appears_in_no_log_line_no_audit_entry_and_no_error()
    {
        var s = await CredentialScenario.CreateAsync(portal);
        var credentials = portal.Get<CredentialService>();
        portal.Logs.Clear();

        var added = await credentials.AddAsync(s.OwnerId, s.OrganizationId, CredentialScenario.Input("GitHub", Secret, "deploy key"));
        var clash = await credentials.AddAsync(s.OwnerId, s.OrganizationId, CredentialScenario.Input("github", Secret));
        await credentials.RevealAsync(s.OwnerId, s.OrganizationId, added.Value.Id);
        await credentials.RevealAsync(s.MemberId, s.OrganizationId, added.Value.Id);
        await credentials.ReplaceAsync(s.OwnerId, s.OrganizationId, added.Value.Id, CredentialScenario.Input("", Replacement), added.Value.Version);
        await credentials.ReplaceAsync(s.OwnerId, s.OrganizationId, added.Value.Id, CredentialScenario.Input("", Secret), added.Value.Version);
        await credentials.DeleteAsync(s.OwnerId, s.OrganizationId, added.Value.Id);

        Assert.NotEmpty(portal.Logs.Lines);
        Assert.Contains(portal.Logs.Lines, line => line.Contains("revealed credential", StringComparison.Ordinal));
        Assert.DoesNotContain(portal.Logs.Lines, line => line.Contains(Secret, StringComparison.Ordinal) || line.Contains(Replacement, StringComparison.Ordinal));
        Assert.All(clash.Errors, e => Assert.DoesNotContain(Secret, e.Message, StringComparison.Ordinal));
        await using var db = await portal.Get<IPortalDbContextFactory>().CreateAsync();
        var changes = await db.AuditEntries.Where(a => a.OrganizationId == s.OrganizationId && a.TargetType == "credential").Select(a => a.Changes).ToListAsync();
        Assert.Equal(4, changes.Count);
        Assert.DoesNotContain(changes, c => c.Contains(Secret, StringComparison.Ordinal) || c.Contains(Replacement, StringComparison.Ordinal));
    }
}

/// <summary>A logger provider that keeps each message, its structured values and its exception as text.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public void Clear() => _lines.Clear();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            owner._lines.Enqueue($"{category} {logLevel} {formatter(state, exception)} {values} {exception}");
        }
    }
}
