namespace ProfilePortal.Domain.Fraud;

/// <summary>
/// Mutual exclusion per key with a fixed number of locks: keys share a lock by hash, which at worst makes two
/// unrelated keys wait for each other briefly. Several keys are taken in lock order, so two callers never
/// deadlock. In-process only: across nodes the database's unique indexes decide.
/// </summary>
internal sealed class StripedLocks(int stripes)
{
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, stripes).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Waits for the locks of all <paramref name="keys"/>; disposing the result releases them.</summary>
    public async Task<IDisposable> EnterAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var held = new Lease();
        try
        {
            foreach (var stripe in keys.Select(Stripe).Distinct().Order())
            {
                await _stripes[stripe].WaitAsync(cancellationToken);
                held.Add(_stripes[stripe]);
            }
        }
        catch
        {
            held.Dispose();
            throw;
        }

        return held;
    }

    private int Stripe(string key) => (int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_stripes.Length);

    private sealed class Lease : IDisposable
    {
        private readonly List<SemaphoreSlim> _held = [];

        public void Add(SemaphoreSlim stripe) => _held.Add(stripe);

        public void Dispose()
        {
            for (var i = _held.Count - 1; i >= 0; i--)
            {
                _held[i].Release();
            }

            _held.Clear();
        }
    }
}
