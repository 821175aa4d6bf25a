using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Infrastructure.Payments.CloudPayments;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Payments.CloudPayments;

public sealed class CloudPaymentsClientTests(CloudPaymentsEmulator emulator) : IClassFixture<CloudPaymentsEmulator>
{
    [Fact]
    public async Task A_merchant_charge_sends_the_documented_fields_and_returns_the_transaction()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress);
        var request = CloudPaymentsRequests.Charge(amount: 990.5m);

        var reply = await services.Client().ChargeTokenAsync(request);

        var accepted = Assert.IsType<CloudPaymentsReply.Accepted>(reply);
        var charge = Assert.Single(emulator.ChargesFor(request.InvoiceId));
        Assert.Equal(charge.TransactionId, accepted.Transaction?.TransactionId);
        Assert.Equal("Completed", accepted.Transaction?.Status);
        Assert.Equal(
            new EmulatedCharge(
                charge.TransactionId, request.RequestId, CloudPaymentsEmulator.SuccessToken, 990.5m, "990.50", "RUB",
                request.InvoiceId, "user-7", "Pro plan, monthly", "ivan@example.com", "203.0.113.5",
                TrInitiatorCode: 0, PaymentScheduled: "1", "Completed", "Approved", 0, charge.CreatedAt),
            charge);
    }

    [Fact]
    public async Task A_customer_charge_is_marked_as_initiated_by_the_cardholder_and_not_scheduled()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress);
        var request = CloudPaymentsRequests.Charge(initiator: ChargeInitiator.Customer);

        await services.Client().ChargeTokenAsync(request);

        var charge = Assert.Single(emulator.ChargesFor(request.InvoiceId));
        Assert.Equal(1, charge.TrInitiatorCode);
        Assert.Equal("0", charge.PaymentScheduled);
    }

    [Fact]
    public async Task Amounts_go_out_with_two_decimals_and_a_point_whatever_the_current_culture()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress);
        var request = CloudPaymentsRequests.Charge(amount: 1500m);
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("ru-RU");
        try
        {
            await services.Client().ChargeTokenAsync(request);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        Assert.Equal("1500.00", Assert.Single(emulator.ChargesFor(request.InvoiceId)).AmountText);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("10.005")]
    public async Task An_amount_the_provider_cannot_take_is_a_bug_caught_before_sending(string amount)
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress);
        var request = CloudPaymentsRequests.Charge(amount: decimal.Parse(amount, CultureInfo.InvariantCulture));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => services.Client().ChargeTokenAsync(request));

        Assert.DoesNotContain(emulator.Requests, r => r.RequestId == request.RequestId);
    }

    [Fact]
    public async Task A_declined_charge_is_refused_with_the_reason_code_in_the_transaction()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress);

        var reply = await services.Client().ChargeTokenAsync(CloudPaymentsRequests.Charge(CloudPaymentsEmulator.InsufficientFundsToken));

        var refused = Assert.IsType<CloudPaymentsReply.Refused>(reply);
        Assert.Equal(5051, refused.Transaction?.ReasonCode);
        Assert.Equal("InsufficientFunds", refused.Transaction?.Reason);
        Assert.Equal("Недостаточно средств на карте", refused.Transaction?.CardHolderMessage);
    }

    [Fact]
    public async Task A_request_the_provider_rejects_is_refused_with_its_message_and_no_transaction()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress);

        var reply = await services.Client().ChargeTokenAsync(CloudPaymentsRequests.Charge(currency: "XXX"));

        Assert.Equal(new CloudPaymentsReply.Refused("Invalid Currency value", null), reply);
    }

    [Fact]
    public async Task The_same_request_id_sent_twice_charges_once_and_gets_the_same_reply()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress);
        var request = CloudPaymentsRequests.Charge();

        var first = await services.Client().ChargeTokenAsync(request);
        var second = await services.Client().ChargeTokenAsync(request);

        Assert.Equal(first, second);
        Assert.Equal(2, emulator.Requests.Count(r => r.RequestId == request.RequestId));
        Assert.Single(emulator.ChargesFor(request.InvoiceId));
    }

    [Fact]
    public async Task A_new_attempt_of_the_same_invoice_with_a_new_request_id_is_a_new_charge()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress);
        var first = CloudPaymentsRequests.Charge(CloudPaymentsEmulator.InsufficientFundsToken);
        var retry = first with { CardToken = CloudPaymentsEmulator.SuccessToken, RequestId = $"{first.InvoiceId}/2" };

        await services.Client().ChargeTokenAsync(first);
        var reply = await services.Client().ChargeTokenAsync(retry);

        Assert.IsType<CloudPaymentsReply.Accepted>(reply);
        Assert.Equal(["Declined", "Completed"], emulator.ChargesFor(first.InvoiceId).Select(c => c.Status));
    }

    [Fact]
    public async Task Wrong_credentials_are_reported_as_rejected_credentials()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress, apiSecret: "wrong-secret");
        var request = CloudPaymentsRequests.Charge();

        var reply = await services.Client().ChargeTokenAsync(request);

        Assert.IsType<CloudPaymentsReply.CredentialsRejected>(reply);
        Assert.Empty(emulator.ChargesFor(request.InvoiceId));
        Assert.Contains(services.LoggedMessages(), m => m.Contains("rejected the merchant credentials", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_server_error_is_an_unknown_outcome()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress);

        var reply = await services.Client().ChargeTokenAsync(CloudPaymentsRequests.Charge(CloudPaymentsEmulator.ServerErrorToken));

        Assert.Equal(new CloudPaymentsReply.Unavailable("The payment provider answered HTTP 500."), reply);
    }

    [Fact]
    public async Task A_provider_that_does_not_answer_in_time_is_an_unknown_outcome()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress, requestTimeout: TimeSpan.FromMilliseconds(300));

        var reply = await services.Client().ChargeTokenAsync(CloudPaymentsRequests.Charge(CloudPaymentsEmulator.TimeoutToken));

        Assert.Equal(new CloudPaymentsReply.Unavailable("The payment provider did not answer within 0.3 s."), reply);
    }

    [Fact]
    public async Task A_provider_that_cannot_be_reached_is_an_unknown_outcome()
    {
        using var services = CloudPaymentsServices.Create(new Uri($"http://127.0.0.1:{UnusedPort()}/"));

        var reply = await services.Client().ChargeTokenAsync(CloudPaymentsRequests.Charge());

        Assert.Equal(new CloudPaymentsReply.Unavailable("The payment provider could not be reached (ConnectionError)."), reply);
    }

    [Fact]
    public async Task A_cancelled_call_is_cancelled_not_reported_as_an_unknown_outcome()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var request = CloudPaymentsRequests.Charge();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => services.Client().ChargeTokenAsync(request, cancelled.Token));

        Assert.Empty(emulator.ChargesFor(request.InvoiceId));
    }

    [Fact]
    public async Task A_completed_charge_can_be_refunded_in_parts_up_to_its_amount()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress);
        var client = services.Client();
        var request = CloudPaymentsRequests.Charge(amount: 1000m);
        var transactionId = Assert.IsType<CloudPaymentsReply.Accepted>(await client.ChargeTokenAsync(request)).Transaction!.TransactionId;

        var first = await client.RefundAsync(transactionId, 600m, $"{request.InvoiceId}/refund/1");
        var second = await client.RefundAsync(transactionId, 400.01m, $"{request.InvoiceId}/refund/2");
        var third = await client.RefundAsync(transactionId, 400m, $"{request.InvoiceId}/refund/3");

        var refunds = emulator.Refunds.Where(r => r.PaymentTransactionId == transactionId).ToList();
        Assert.Equal(refunds[0].TransactionId, Assert.IsType<CloudPaymentsReply.Accepted>(first).Transaction?.TransactionId);
        Assert.IsType<CloudPaymentsReply.Refused>(second);
        Assert.Equal(refunds[1].TransactionId, Assert.IsType<CloudPaymentsReply.Accepted>(third).Transaction?.TransactionId);
        Assert.Equal([600m, 400m], refunds.Select(r => r.Amount));
    }

    [Fact]
    public async Task A_repeated_refund_request_refunds_once()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress);
        var client = services.Client();
        var transactionId = Assert.IsType<CloudPaymentsReply.Accepted>(await client.ChargeTokenAsync(CloudPaymentsRequests.Charge())).Transaction!.TransactionId;
        var requestId = $"refund-{Guid.NewGuid():N}";

        var first = await client.RefundAsync(transactionId, 100m, requestId);
        var second = await client.RefundAsync(transactionId, 100m, requestId);

        Assert.Equal(first, second);
        Assert.Single(emulator.Refunds, r => r.PaymentTransactionId == transactionId);
    }

    [Fact]
    public async Task A_void_cancels_the_charge_and_a_second_void_is_refused()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress);
        var client = services.Client();
        var request = CloudPaymentsRequests.Charge();
        var transactionId = Assert.IsType<CloudPaymentsReply.Accepted>(await client.ChargeTokenAsync(request)).Transaction!.TransactionId;

        var voided = await client.VoidAsync(transactionId, $"{request.InvoiceId}/void/1");
        var again = await client.VoidAsync(transactionId, $"{request.InvoiceId}/void/2");

        Assert.Equal(new CloudPaymentsReply.Accepted(null, null), voided);
        Assert.IsType<CloudPaymentsReply.Refused>(again);
        Assert.Equal("Cancelled", Assert.Single(emulator.ChargesFor(request.InvoiceId)).Status);
    }

    [Fact]
    public async Task A_refund_or_void_of_an_unknown_transaction_is_refused()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress);

        var refund = await services.Client().RefundAsync(42, 10m, $"refund-{Guid.NewGuid():N}");
        var voided = await services.Client().VoidAsync(42, $"void-{Guid.NewGuid():N}");

        Assert.Equal(new CloudPaymentsReply.Refused("Transaction not found", null), refund);
        Assert.Equal(new CloudPaymentsReply.Refused("Transaction not found", null), voided);
    }

    [Fact]
    public async Task Ping_checks_connectivity_and_credentials()
    {
        using var good = CloudPaymentsServices.Create(emulator.BaseAddress);
        using var wrong = CloudPaymentsServices.Create(emulator.BaseAddress, publicId: "pk_someone_else");

        Assert.IsType<CloudPaymentsReply.Accepted>(await good.Client().PingAsync());
        Assert.IsType<CloudPaymentsReply.CredentialsRejected>(await wrong.Client().PingAsync());
    }

    [Fact]
    public async Task Logs_name_requests_and_outcomes_but_never_the_card_token_or_the_secret()
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress);
        var request = CloudPaymentsRequests.Charge();

        await services.Client().ChargeTokenAsync(request);
        await services.Client().ChargeTokenAsync(CloudPaymentsRequests.Charge(CloudPaymentsEmulator.ExpiredCardToken));

        var messages = services.LoggedMessages();
        Assert.Contains(messages, m => m.Contains(request.RequestId, StringComparison.Ordinal) && m.Contains("Success=True", StringComparison.Ordinal));
        Assert.DoesNotContain(messages, m => m.Contains("tk_", StringComparison.Ordinal));
        Assert.DoesNotContain(messages, m => m.Contains(CloudPaymentsEmulator.ApiSecret, StringComparison.Ordinal));
        Assert.DoesNotContain(messages, m => m.Contains("ivan@example.com", StringComparison.Ordinal));
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
