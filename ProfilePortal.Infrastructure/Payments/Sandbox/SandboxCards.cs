using System.Security.Cryptography;
using System.Text;
using ProfilePortal.Domain.Common;
using ProfilePortal.Domain.Payments;

namespace ProfilePortal.Infrastructure.Payments.Sandbox;

/// <summary>What a sandbox test card does when it is charged.</summary>
public enum SandboxBehavior
{
    /// <summary>Every charge succeeds.</summary>
    Succeeds,

    /// <summary>Declined, insufficient funds (5051): soft, a later retry may succeed.</summary>
    InsufficientFunds,

    /// <summary>Declined, expired card (5054): hard, a new card is needed.</summary>
    ExpiredCard,

    /// <summary>Declined, do not honor (5005): soft.</summary>
    DoNotHonor,

    /// <summary>The first send of each charge gets no answer (provider unavailable); resending it succeeds.</summary>
    FailsOnce,
}

/// <summary>A documented sandbox test card.</summary>
public sealed record SandboxTestCard(string Number, string Brand, SandboxBehavior Behavior);

/// <summary>
/// The sandbox's test cards and its "tokenization": the card form sends the number here, never to a database.
/// Any other number that passes the Luhn check succeeds like 4242 4242 4242 4242. The token carries the
/// card's behaviour, last digits and expiry, so charging it is deterministic and needs no stored state.
/// </summary>
public static class SandboxCards
{
    public static IReadOnlyList<SandboxTestCard> TestCards { get; } =
    [
        new("4242424242424242", "Visa", SandboxBehavior.Succeeds),
        new("5555555555554444", "Mastercard", SandboxBehavior.Succeeds),
        new("2200000000000004", "MIR", SandboxBehavior.Succeeds),
        new("4000000000009995", "Visa", SandboxBehavior.InsufficientFunds),
        new("4000000000000069", "Visa", SandboxBehavior.ExpiredCard),
        new("4000000000000002", "Visa", SandboxBehavior.DoNotHonor),
        new("4000000000000119", "Visa", SandboxBehavior.FailsOnce),
    ];

    /// <summary>Checks the form's input and turns it into a token, or says which field is wrong.</summary>
    public static Result<CardDetails> Tokenize(string? number, int expiryMonth, int expiryYear, string? cvc, DateTimeOffset now)
    {
        var digits = new string((number ?? string.Empty).Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        var errors = new List<Error>();
        if (digits.Length is < 12 or > 19 || !digits.All(char.IsAsciiDigit) || !PassesLuhn(digits))
        {
            errors.Add(Error.Validation("number", "Enter a valid card number."));
        }

        if (expiryYear is >= 0 and < 100)
        {
            expiryYear += 2000;
        }

        if (expiryMonth is < 1 or > 12 || expiryYear is < 2000 or > 2100)
        {
            errors.Add(Error.Validation("expiry", "Enter the expiry as MM/YY."));
        }
        else if (new CardDetails("-", "-", "0000", expiryMonth, expiryYear, null).IsExpiredAt(now))
        {
            errors.Add(Error.Validation("expiry", "The card has expired."));
        }

        if (cvc is null || cvc.Length is < 3 or > 4 || !cvc.All(char.IsAsciiDigit))
        {
            errors.Add(Error.Validation("cvc", "Enter the 3 or 4 digits from the back of the card."));
        }

        if (errors.Count > 0)
        {
            return Result<CardDetails>.Failure([.. errors]);
        }

        var known = TestCards.FirstOrDefault(c => c.Number == digits);
        var behavior = known?.Behavior ?? SandboxBehavior.Succeeds;
        var brand = known?.Brand ?? BrandOf(digits);
        var last4 = digits[^4..];
        var token = $"sbx_{behavior}_{last4}_{expiryMonth:00}{expiryYear % 100:00}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
        return new CardDetails(token, brand, last4, expiryMonth, expiryYear, Fingerprint(digits));
    }

    /// <summary>Reads a sandbox token back; null when it is not one.</summary>
    public static SandboxToken? Parse(string token)
    {
        var parts = token.Split('_');
        if (parts is not ["sbx", var behavior, var last4, var expiry, _] || expiry.Length != 4
            || !Enum.TryParse<SandboxBehavior>(behavior, out var parsed)
            || !int.TryParse(expiry[..2], out var month) || !int.TryParse(expiry[2..], out var year))
        {
            return null;
        }

        return new SandboxToken(parsed, last4, month, 2000 + year);
    }

    private static string BrandOf(string digits) => digits[0] switch
    {
        '4' => "Visa",
        '5' => "Mastercard",
        '2' => "MIR",
        '3' => "Amex",
        _ => "Card",
    };

    private static string Fingerprint(string digits) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes("sandbox:" + digits)))[..32];

    private static bool PassesLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return sum % 10 == 0;
    }
}

/// <summary>What a sandbox token says about its card.</summary>
public sealed record SandboxToken(SandboxBehavior Behavior, string Last4, int ExpiryMonth, int ExpiryYear);
