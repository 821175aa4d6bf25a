using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using ProfilePortal.Infrastructure.Payments.CloudPayments;
using ProfilePortal.Tests.Support;

namespace ProfilePortal.Tests.Unit.Payments;

public sealed class CloudPaymentsSignatureTests
{
    private const string Secret = "secret";

    // A form body with a '+' space and percent-escapes, so the raw and the URL-decoded bytes differ.
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("TransactionId=1001&Amount=10.00&Name=IVAN+IVANOV&Data=%7B%22a%22%3A1%7D");

    // Computed independently (Python's hmac module) over the raw body and over the URL-decoded body.
    private const string RawSignature = "4GkUV6lOa6qUG8h9xEnNEZtfT+3fxb7WeeuopR/VDQ8=";
    private const string DecodedSignature = "jX5HT4ZCBMkVkU15xUUZoXsHVdibPaZ4Cfrgk/VX3r8=";

    [Fact]
    public void Sign_is_base64_of_hmac_sha256_of_the_body_keyed_with_the_api_secret()
    {
        Assert.Equal(
            "97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg=",
            CloudPaymentsSignature.Sign("The quick brown fox jumps over the lazy dog"u8, "key"));
        Assert.Equal(RawSignature, CloudPaymentsSignature.Sign(Body, Secret));
        Assert.Equal(DecodedSignature, CloudPaymentsSignature.SignUrlDecoded(Body, Secret));
    }

    [Fact]
    public void A_valid_content_hmac_is_accepted() =>
        Assert.True(CloudPaymentsSignature.Verify(Body, RawSignature, null, Secret));

    [Fact]
    public void A_tampered_body_is_rejected()
    {
        var tampered = Encoding.UTF8.GetBytes("TransactionId=1001&Amount=1000.00&Name=IVAN+IVANOV&Data=%7B%22a%22%3A1%7D");

        Assert.False(CloudPaymentsSignature.Verify(tampered, RawSignature, RawSignature, Secret));
    }

    [Fact]
    public void A_signature_made_with_another_secret_is_rejected() =>
        Assert.False(CloudPaymentsSignature.Verify(Body, CloudPaymentsSignature.Sign(Body, "other-secret"), null, Secret));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not base64 at all!")]
    [InlineData("4GkUV6lOa6qUG8h9xEnNEZtfT+3fxb7WeeuopR/VDQ8")]
    public void A_missing_or_garbled_header_is_rejected(string? header) =>
        Assert.False(CloudPaymentsSignature.Verify(Body, header, header, Secret));

    [Fact]
    public void A_signature_of_another_length_is_rejected()
    {
        var hash = Convert.FromBase64String(RawSignature);
        var truncated = Convert.ToBase64String(hash.AsSpan(0, 16));
        var extended = Convert.ToBase64String([.. hash, 0x00]);
        var doubled = Convert.ToBase64String([.. hash, .. hash, .. hash]);

        Assert.False(CloudPaymentsSignature.Verify(Body, truncated, null, Secret));
        Assert.False(CloudPaymentsSignature.Verify(Body, extended, null, Secret));
        Assert.False(CloudPaymentsSignature.Verify(Body, doubled, null, Secret));
        Assert.False(CloudPaymentsSignature.Verify(Body, string.Empty, null, Secret));
    }

    [Fact]
    public void X_content_hmac_over_the_raw_body_is_accepted() =>
        Assert.True(CloudPaymentsSignature.Verify(Body, null, RawSignature, Secret));

    [Fact]
    public void X_content_hmac_over_the_url_decoded_body_is_accepted() =>
        Assert.True(CloudPaymentsSignature.Verify(Body, null, DecodedSignature, Secret));

    [Fact]
    public void Content_hmac_must_sign_the_raw_body_not_the_decoded_one() =>
        Assert.False(CloudPaymentsSignature.Verify(Body, DecodedSignature, null, Secret));

    [Fact]
    public void A_wrong_content_hmac_does_not_hide_a_valid_x_content_hmac() =>
        Assert.True(CloudPaymentsSignature.Verify(Body, CloudPaymentsSignature.Sign(Body, "other-secret"), DecodedSignature, Secret));

    [Fact]
    public void Without_a_configured_secret_nothing_verifies() =>
        Assert.False(CloudPaymentsSignature.Verify(Body, CloudPaymentsSignature.Sign(Body, "x"), null, string.Empty));

    [Fact]
    public void The_registered_verifier_reads_the_request_headers_and_uses_the_configured_secret()
    {
        using var services = CloudPaymentsServices.Create(new Uri("http://127.0.0.1:9/"));
        var signature = services.GetRequiredService<CloudPaymentsSignature>();
        var valid = CloudPaymentsSignature.Sign(Body, CloudPaymentsEmulator.ApiSecret);

        Assert.True(signature.Verify(Body, new HeaderDictionary { ["Content-HMAC"] = valid }));
        Assert.True(signature.Verify(Body, new HeaderDictionary { ["X-Content-HMAC"] = valid }));
        Assert.False(signature.Verify(Body, new HeaderDictionary { ["Content-HMAC"] = RawSignature }));
        Assert.False(signature.Verify(Body, new HeaderDictionary()));
        Assert.False(signature.Verify(Body, new HeaderDictionary { ["Content-HMAC"] = new StringValues(new[] { valid, valid }) }));
    }
}
