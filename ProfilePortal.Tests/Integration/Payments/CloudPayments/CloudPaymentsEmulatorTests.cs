using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Integration.Payments.CloudPayments;

/// <summary>The emulator's own promises, checked on the wire without our client in between.</summary>
public sealed class CloudPaymentsEmulatorTests(CloudPaymentsEmulator emulator) : IClassFixture<CloudPaymentsEmulator>
{
    [Fact]
    public async Task A_request_without_credentials_gets_401()
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(emulator.BaseAddress, "test"), null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("10.005")]
    [InlineData("\"ten\"")]
    public async Task An_invalid_amount_gets_the_documented_reply(string amount)
    {
        var body = $$"""{"Token":"tk_success","AccountId":"user-7","Amount":{{amount}},"Currency":"RUB","TrInitiatorCode":0}""";

        var (status, reply) = await PostAsync("payments/tokens/charge", body, "application/json");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"Success":false,"Message":"Invalid Amount value","Model":null}""", reply);
    }

    [Fact]
    public async Task A_charge_without_an_initiator_is_refused()
    {
        var (_, reply) = await PostAsync(
            "payments/tokens/charge", """{"Token":"tk_success","AccountId":"user-7","Amount":10,"Currency":"RUB"}""", "application/json");

        Assert.Contains("TrInitiatorCode is required", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_encoded_charge_is_accepted_as_the_provider_accepts_it()
    {
        var invoiceId = $"form-{Guid.NewGuid():N}";

        var (_, reply) = await PostAsync(
            "payments/tokens/charge",
            $"Token=tk_success&AccountId=user-7&Amount=10.50&Currency=RUB&TrInitiatorCode=0&PaymentScheduled=1&InvoiceId={invoiceId}",
            "application/x-www-form-urlencoded");

        Assert.Contains("\"Success\":true", reply, StringComparison.Ordinal);
        Assert.Equal(10.50m, Assert.Single(emulator.ChargesFor(invoiceId)).Amount);
    }

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string path, string body, string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.BaseAddress, path))
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{CloudPaymentsEmulator.PublicId}:{CloudPaymentsEmulator.ApiSecret}")));
        using var http = new HttpClient();
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
