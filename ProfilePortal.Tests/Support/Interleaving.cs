using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace ProfilePortal.Tests.Support;

/// <summary>
/// Makes a race happen on purpose: the next save of any context first runs another action to its end. A use case
/// that read the database, then loses the race to that action before it saves, shows whether its save notices.
/// </summary>
public sealed class Interleaving : SaveChangesInterceptor
{
    private Func<Task>? _beforeNextSave;

    /// <summary>Runs <paramref name="action"/> (in contexts of its own) just before the next save starts.</summary>
    public void BeforeNextSave(Func<Task> action) => Interlocked.Exchange(ref _beforeNextSave, action);

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        // Taken once, so the action's own saves go straight through.
        if (Interlocked.Exchange(ref _beforeNextSave, null) is { } action)
        {
            await action();
        }

        return await base.SavingChangesAsync(eventData, result, cancellationToken);
    }
}

/// <summary>Portal services whose saves can be interleaved by <see cref="Interleaving"/>.</summary>
public sealed class InterleavedPortalServices : PortalServices
{
    public Interleaving Interleaving { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IInterceptor>(Interleaving);
}
