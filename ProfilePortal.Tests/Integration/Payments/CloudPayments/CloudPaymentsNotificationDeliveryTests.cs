using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Infrastructure.Payments.CloudPayments;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Payments.CloudPayments;

/// <summary>
/// The emulator's notifications as an endpoint will receive them: signed over the exact bytes that arrive, and
/// readable by the parser. Uses a bare receiver, not the portal's endpoint, which is tested with the portal.
/// </summary>
public sealed class CloudPaymentsNotificationDeliveryTests(CloudPaymentsEmulator emulator)
    : IClassFixture<CloudPaymentsEmulator>, IAsyncLifetime
{
    private readonly NotificationReceiver _receiver = new();

    public Task InitializeAsync() => _receiver.StartAsync();

    public Task DisposeAsync() => _receiver.DisposeAsync().AsTask();

    [Fact]
    public async Task A_pay_notification_arrives_form_encoded_signed_and_readable()
    {
        var charge = await CompletedChargeAsync();

        using var response = await emulator.SendNotificationAsync(_receiver.Url, CloudPaymentsEmulator.PayNotification(charge));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"code":0}""", await response.Content.ReadAsStringAsync());
        var received = Assert.Single(_receiver.Received);
        Assert.StartsWith("application/x-www-form-urlencoded", received.ContentType, StringComparison.Ordinal);
        Assert.True(CloudPaymentsSignature.Verify(received.Body, received.ContentHmac, null, CloudPaymentsEmulator.ApiSecret));
        Assert.True(CloudPaymentsSignature.Verify(received.Body, null, received.XContentHmac, CloudPaymentsEmulator.ApiSecret));

        var pay = CloudPaymentsNotificationParser.ParsePay(received.Body, received.ContentType).Value;
        Assert.Equal(charge.TransactionId, pay.TransactionId);
        Assert.Equal(charge.Amount, pay.Amount);
        Assert.Equal(charge.InvoiceId, pay.InvoiceId);
        Assert.Equal(new CardDetails(charge.Token, "Visa", "4242", 12, 2029, "card-emulator-4242"), pay.ToCardDetails());
    }

    [Fact]
    public async Task A_fail_notification_carries_the_decline_reason()
    {
        var charge = await ChargeAsync(CloudPaymentsEmulator.InsufficientFundsToken);

        using var response = await emulator.SendNotificationAsync(_receiver.Url, CloudPaymentsEmulator.FailNotification(charge));

        var received = Assert.Single(_receiver.Received);
        var fail = CloudPaymentsNotificationParser.ParseFail(received.Body, received.ContentType).Value;
        Assert.Equal(5051, fail.ReasonCode);
        Assert.Equal("InsufficientFunds", fail.Reason);
    }

    [Fact]
    public async Task A_notification_signed_with_another_secret_does_not_verify()
    {
        var charge = await CompletedChargeAsync();

        using var response = await emulator.SendNotificationAsync(_receiver.Url, CloudPaymentsEmulator.PayNotification(charge), apiSecret: "forged");

        var received = Assert.Single(_receiver.Received);
        Assert.False(CloudPaymentsSignature.Verify(received.Body, received.ContentHmac, received.XContentHmac, CloudPaymentsEmulator.ApiSecret));
    }

    private Task<EmulatedCharge> CompletedChargeAsync() => ChargeAsync(CloudPaymentsEmulator.SuccessToken);

    private async Task<EmulatedCharge> ChargeAsync(string token)
    {
        using var services = CloudPaymentsServices.Create(emulator.BaseAddress);
        var request = CloudPaymentsRequests.Charge(token);
        await services.Client().ChargeTokenAsync(request);
        return Assert.Single(emulator.ChargesFor(request.InvoiceId));
    }

    /// <summary>Records what is posted to it, bytes and headers, and accepts it as the portal would: <c>{"code":0}</c>.</summary>
    private sealed class NotificationReceiver : IAsyncDisposable
    {
        private readonly ConcurrentQueue<ReceivedNotification> _received = new();
        private WebApplication? _app;

        public Uri Url { get; private set; } = null!;

        public IReadOnlyList<ReceivedNotification> Received => [.. _received];

        public async Task StartAsync()
        {
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
            builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            _app = builder.Build();
            RequestDelegate handler = ReceiveAsync;
            _app.Run(handler);
            await _app.StartAsync();
            var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            Url = new Uri(address.TrimEnd('/') + "/notifications/pay");
        }

        public async ValueTask DisposeAsync()
        {
            if (_app is not null)
            {
                await _app.StopAsync();
                await _app.DisposeAsync();
            }
        }

        private async Task ReceiveAsync(HttpContext context)
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            _received.Enqueue(new ReceivedNotification(
                body.ToArray(),
                context.Request.ContentType,
                context.Request.Headers[CloudPaymentsSignature.HeaderName].ToString(),
                context.Request.Headers[CloudPaymentsSignature.AlternateHeaderName].ToString()));
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"code":0}""");
        }
    }

    private sealed record ReceivedNotification(byte[] Body, string? ContentType, string ContentHmac, string XContentHmac);
}
