using ProfilePortal.Domain.Notifications;
using ProfilePortal.Domain.Payments;

namespace ProfilePortal.Tests.Support;

/// <summary>The provider charges, then the process dies before the answer is recorded.</summary>
public sealed class CrashAfterCharge(IPaymentGateway inner) : IPaymentGateway
{
    public string Provider => inner.Provider;

    public async Task<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken = default)
    {
        await inner.ChargeAsync(request, cancellationToken);
        throw new IOException("The connection was reset after the charge.");
    }

    public Task<RefundOutcome> RefundAsync(RefundRequest request, CancellationToken cancellationToken = default) => inner.RefundAsync(request, cancellationToken);

    public Task<ChargeOutcome> VerifyCardAsync(CardVerificationRequest request, CancellationToken cancellationToken = default) =>
        inner.VerifyCardAsync(request, cancellationToken);

    public Task<VoidOutcome> VoidAsync(VoidRequest request, CancellationToken cancellationToken = default) => inner.VoidAsync(request, cancellationToken);
}

/// <summary>Renders emails until <paramref name="rendersBeforeCrash"/> are done, then the process dies mid-sweep.</summary>
public sealed class CrashAfterRenders(IEmailRenderer inner, int rendersBeforeCrash) : IEmailRenderer
{
    private int _renders;

    public Task<RenderedEmail> RenderAsync<TModel>(TModel model, string language, CancellationToken cancellationToken = default)
        where TModel : IEmailModel =>
        Interlocked.Increment(ref _renders) > rendersBeforeCrash
            ? throw new InvalidOperationException("The process died while rendering.")
            : inner.RenderAsync(model, language, cancellationToken);
}
