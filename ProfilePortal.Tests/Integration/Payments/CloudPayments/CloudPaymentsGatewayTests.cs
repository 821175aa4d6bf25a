using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Infrastructure.Payments.CloudPayments;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Payments.CloudPayments;

public sealed class CloudPaymentsGatewayTests(CloudPaymentsEmulator emulator) : IClassFixture<CloudPaymentsEmulator>
{
    [Fact]
    public void The_gateway_is_registered_under_its_provider_name()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress);

        var gateway = services.GetRequiredKeyedService<IPaymentGateway>(CloudPaymentsGateway.ProviderName);

        Assert.IsType<CloudPaymentsGateway>(gateway);
        Assert.Equal("cloudpayments", gateway.Provider);
        Assert.Null(services.GetService<IPaymentGateway>());
    }

    [Fact]
    public async Task A_successful_charge_succeeds_with_the_provider_transaction_id()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress);
        var request = CloudPaymentsRequests.Charge();

        var outcome = await services.Gateway().ChargeAsync(request);

        var charge = Assert.Single(emulator.ChargesFor(request.InvoiceId));
        Assert.Equal(new ChargeOutcome.Succeeded(Id(charge.TransactionId)), outcome);
    }

    [Fact]
    public async Task Insufficient_funds_is_a_soft_decline()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress);
        var request = CloudPaymentsRequests.Charge(CloudPaymentsEmulator.InsufficientFundsToken);

        var outcome = await services.Gateway().ChargeAsync(request);

        var charge = Assert.Single(emulator.ChargesFor(request.InvoiceId));
        Assert.Equal(new ChargeOutcome.Declined("5051", "Insufficient funds", DeclineKind.Soft, Id(charge.TransactionId)), outcome);
    }

    [Fact]
    public async Task An_expired_card_is_a_hard_decline()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress);
        var request = CloudPaymentsRequests.Charge(CloudPaymentsEmulator.ExpiredCardToken);

        var outcome = await services.Gateway().ChargeAsync(request);

        var charge = Assert.Single(emulator.ChargesFor(request.InvoiceId));
        Assert.Equal(new ChargeOutcome.Declined("5054", "Expired card", DeclineKind.Hard, Id(charge.TransactionId)), outcome);
    }

    [Fact]
    public async Task A_three_d_secure_challenge_on_a_saved_card_is_a_soft_decline_that_says_so()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress);

        var outcome = await services.Gateway().ChargeAsync(CloudPaymentsRequests.Charge(CloudPaymentsEmulator.ThreeDSecureToken));

        var declined = Assert.IsType<ChargeOutcome.Declined>(outcome);
        Assert.Equal(CloudPaymentsReasonCodes.ThreeDSecureRequired, declined.Code);
        Assert.Equal(DeclineKind.Soft, declined.Kind);
        Assert.Contains("3-D Secure", declined.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unavailable_issuer_is_a_soft_decline_so_the_retry_is_a_new_request()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress);

        var outcome = await services.Gateway().ChargeAsync(CloudPaymentsRequests.Charge(CloudPaymentsEmulator.IssuerUnavailableToken));

        // The provider replays its first answer to the same X-Request-ID, so resending could never succeed.
        var declined = Assert.IsType<ChargeOutcome.Declined>(outcome);
        Assert.Equal(("5091", DeclineKind.Soft), (declined.Code, declined.Kind));
        Assert.Contains("try again later", declined.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_error_is_a_failure()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress);

        var outcome = await services.Gateway().ChargeAsync(CloudPaymentsRequests.Charge(CloudPaymentsEmulator.ServerErrorToken));

        Assert.Equal(new ChargeOutcome.Failed("The payment provider answered HTTP 500."), outcome);
    }

    [Fact]
    public async Task A_timeout_is_a_failure()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress, requestTimeout: TimeSpan.FromMilliseconds(300));

        var outcome = await services.Gateway().ChargeAsync(CloudPaymentsRequests.Charge(CloudPaymentsEmulator.TimeoutToken));

        Assert.Equal(new ChargeOutcome.Failed("The payment provider did not answer within 0.3 s."), outcome);
    }

    [Fact]
    public async Task Rejected_credentials_are_a_failure_that_names_no_secret()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress, apiSecret: "wrong-secret");

        var outcome = await services.Gateway().ChargeAsync(CloudPaymentsRequests.Charge());

        Assert.Equal(new ChargeOutcome.Failed("The payment provider rejected the merchant credentials."), outcome);
    }

    [Fact]
    public async Task A_request_the_provider_rejects_is_a_soft_decline_with_its_message()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress);

        var outcome = await services.Gateway().ChargeAsync(CloudPaymentsRequests.Charge("tk_unknown_card"));

        Assert.Equal(
            new ChargeOutcome.Declined(CloudPaymentsReasonCodes.RequestRejected, "The payment provider rejected the request: Token not found.", DeclineKind.Soft),
            outcome);
    }

    [Fact]
    public async Task A_resent_charge_with_the_same_request_id_charges_once_and_answers_the_same()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress);
        var request = CloudPaymentsRequests.Charge();

        var first = await services.Gateway().ChargeAsync(request);
        var second = await services.Gateway().ChargeAsync(request);

        Assert.IsType<ChargeOutcome.Succeeded>(first);
        Assert.Equal(first, second);
        Assert.Single(emulator.ChargesFor(request.InvoiceId));
    }

    [Fact]
    public async Task A_refund_succeeds_with_the_refund_transaction_id()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress);
        var gateway = services.Gateway();
        var charged = Assert.IsType<ChargeOutcome.Succeeded>(await gateway.ChargeAsync(CloudPaymentsRequests.Charge(amount: 990m)));

        var outcome = await gateway.RefundAsync(new RefundRequest(charged.TransactionId, Money.Rubles(990m), $"refund-{Guid.NewGuid():N}"));

        var refund = Assert.Single(emulator.Refunds, r => Id(r.PaymentTransactionId) == charged.TransactionId);
        Assert.Equal(new RefundOutcome.Succeeded(Id(refund.TransactionId)), outcome);
        Assert.Equal(990m, refund.Amount);
    }

    [Fact]
    public async Task A_refund_beyond_the_charge_fails_with_the_provider_message()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress);
        var gateway = services.Gateway();
        var charged = Assert.IsType<ChargeOutcome.Succeeded>(await gateway.ChargeAsync(CloudPaymentsRequests.Charge(amount: 100m)));

        var outcome = await gateway.RefundAsync(new RefundRequest(charged.TransactionId, Money.Rubles(100.01m), $"refund-{Guid.NewGuid():N}"));

        Assert.Equal(new RefundOutcome.Failed("The payment provider refused the refund: The amount exceeds what is left to refund."), outcome);
        Assert.DoesNotContain(emulator.Refunds, r => Id(r.PaymentTransactionId) == charged.TransactionId);
    }

    [Fact]
    public async Task A_refund_of_a_payment_taken_elsewhere_fails_without_calling_the_provider()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress);
        var requestId = $"refund-{Guid.NewGuid():N}";

        var outcome = await services.Gateway().RefundAsync(new RefundRequest("sandbox-3f2a", Money.Rubles(10m), requestId));

        Assert.IsType<RefundOutcome.Failed>(outcome);
        Assert.DoesNotContain(emulator.Requests, r => r.RequestId == requestId);
    }

    [Fact]
    public async Task A_card_check_authorises_one_rouble_on_the_token_and_voids_it_at_once()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress);
        var request = new CardVerificationRequest(CloudPaymentsEmulator.SuccessToken, Guid.NewGuid().ToString(), $"trial-check:{Guid.NewGuid():N}:1", "ben@example.com");

        var outcome = await services.Gateway().VerifyCardAsync(request);

        var held = Assert.IsType<ChargeOutcome.Succeeded>(outcome);
        var authorisation = Assert.Single(emulator.ChargesFor(request.RequestId));
        Assert.Equal((1m, "RUB", 1, request.RequestId, "Cancelled"), (authorisation.Amount, authorisation.Currency, authorisation.TrInitiatorCode, authorisation.RequestId, authorisation.Status));
        Assert.Equal(Id(authorisation.TransactionId), held.TransactionId);
        Assert.Single(emulator.Voids, v => v.TransactionId == authorisation.TransactionId && v.RequestId == $"{request.RequestId}/void");
    }

    [Fact]
    public async Task A_card_check_the_issuer_declines_is_a_decline_and_nothing_is_voided()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress);
        var request = new CardVerificationRequest(CloudPaymentsEmulator.InsufficientFundsToken, Guid.NewGuid().ToString(), $"trial-check:{Guid.NewGuid():N}:1", null);

        var outcome = await services.Gateway().VerifyCardAsync(request);

        Assert.Equal(("5051", DeclineKind.Soft), (Assert.IsType<ChargeOutcome.Declined>(outcome).Code, ((ChargeOutcome.Declined)outcome).Kind));
        var authorisation = Assert.Single(emulator.ChargesFor(request.RequestId));
        Assert.DoesNotContain(emulator.Voids, v => v.TransactionId == authorisation.TransactionId);
    }

    [Fact]
    public async Task A_void_releases_an_authorisation_once_however_often_it_is_resent()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress);
        var held = emulator.AuthorizeInWidget($"card:{Guid.NewGuid():N}", Guid.NewGuid().ToString(), 1m);
        var request = new VoidRequest(Id(held.TransactionId), $"{held.InvoiceId}/void");

        var first = await services.Gateway().VoidAsync(request);
        var second = await services.Gateway().VoidAsync(request);

        Assert.Equal(new VoidOutcome.Succeeded(), first);
        Assert.Equal(first, second);
        var voided = Assert.Single(emulator.Voids, v => v.TransactionId == held.TransactionId);
        Assert.Equal(request.RequestId, voided.RequestId);
        Assert.Equal("Cancelled", Assert.Single(emulator.ChargesFor(held.InvoiceId!)).Status);
    }

    [Fact]
    public async Task A_void_the_provider_refuses_is_refused_and_one_it_does_not_answer_failed()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress);
        var held = emulator.AuthorizeInWidget($"card:{Guid.NewGuid():N}", Guid.NewGuid().ToString(), 1m);

        var unknown = await services.Gateway().VoidAsync(new VoidRequest("42", $"void-{Guid.NewGuid():N}"));
        var foreign = await services.Gateway().VoidAsync(new VoidRequest("sbx_3f2a", $"void-{Guid.NewGuid():N}"));
        emulator.VoidsUnavailable = true;
        VoidOutcome unanswered;
        try
        {
            unanswered = await services.Gateway().VoidAsync(new VoidRequest(Id(held.TransactionId), $"{held.InvoiceId}/void"));
        }
        finally
        {
            emulator.VoidsUnavailable = false;
        }

        Assert.Equal(new VoidOutcome.Refused("The payment provider refused the void: Transaction not found."), unknown);
        Assert.IsType<VoidOutcome.Refused>(foreign);
        Assert.IsType<VoidOutcome.Failed>(unanswered);
        Assert.Equal("Authorized", Assert.Single(emulator.ChargesFor(held.InvoiceId!)).Status);
    }

    private static string Id(long transactionId) => transactionId.ToString(CultureInfo.InvariantCulture);
}
