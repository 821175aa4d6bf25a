using Microsoft.EntityFrameworkCore;
using ProfilePortal.Domain.Common;

namespace ProfilePortal.Infrastructure.Persistence;

/// <summary>Hands out the configured provider's context under the provider-neutral types the app uses.</summary>
internal sealed class PortalDbContextFactory<TContext>(IDbContextFactory<TContext> inner)
    : IPortalDbContextFactory, IDbContextFactory<PortalDbContext>
    where TContext : PortalDbContext
{
    public PortalDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<PortalDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);

    public async Task<IPortalDbContext> CreateAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
