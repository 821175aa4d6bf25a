using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ProfilePortal.Tests.Support;

/// <summary>
/// Makes the real database fail while <see cref="IsDown"/> is set: every command throws the error SQLite gives
/// when the file is locked by someone else, so the code under test meets a genuine provider exception.
/// </summary>
public sealed class DatabaseOutage : DbCommandInterceptor
{
    private const int SqliteBusy = 5;
    private volatile bool _isDown;

    public bool IsDown
    {
        get => _isDown;
        set => _isDown = value;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        IsDown ? throw Failure() : base.ReaderExecutingAsync(command, eventData, result, cancellationToken);

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
        IsDown ? throw Failure() : base.ScalarExecutingAsync(command, eventData, result, cancellationToken);

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        IsDown ? throw Failure() : base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);

    private static SqliteException Failure() => new("database is locked", SqliteBusy);
}
