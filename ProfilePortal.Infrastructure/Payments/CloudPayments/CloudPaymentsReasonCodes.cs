using System.Collections.Frozen;
using System.Globalization;

namespace ProfilePortal.Infrastructure.Payments.CloudPayments;

/// <summary>What a CloudPayments reason code means for the next attempt.</summary>
public enum CloudPaymentsDeclineClass
{
    /// <summary>The issuer refused this time; the same card may pass later (insufficient funds, do not honor).</summary>
    Soft = 0,

    /// <summary>The card cannot be charged again (expired, lost, stolen, invalid): ask the customer for a new card.</summary>
    Hard = 1,

    /// <summary>The issuer or the network did not answer: nothing was decided, the attempt may be resent.</summary>
    IssuerUnavailable = 2,
}

/// <summary>
/// CloudPayments' reason codes (the provider's "Коды ошибок" table, https://developers.cloudpayments.ru/#kody-oshibok),
/// sorted into soft, hard and transient. A code missing from the table is a soft decline: retrying later is the
/// safe default, while a wrong "hard" would make a customer replace a card that works.
/// </summary>
public static class CloudPaymentsReasonCodes
{
    /// <summary>Our code for a charge the provider answered with a 3-D Secure challenge instead of a decision.</summary>
    public const string ThreeDSecureRequired = "3ds_required";

    /// <summary>Our code for a refusal without a reason code: the provider rejected the request itself.</summary>
    public const string RequestRejected = "rejected";

    private static readonly FrozenDictionary<int, (string Description, CloudPaymentsDeclineClass Class)> Table =
        new Dictionary<int, (string, CloudPaymentsDeclineClass)>
        {
            [5001] = ("Refer to card issuer", CloudPaymentsDeclineClass.Soft),
            [5003] = ("Invalid merchant", CloudPaymentsDeclineClass.Soft),
            [5004] = ("Pick up card", CloudPaymentsDeclineClass.Hard),
            [5005] = ("Do not honor", CloudPaymentsDeclineClass.Soft),
            [5006] = ("Network refusal or incorrect CVV", CloudPaymentsDeclineClass.Soft),
            [5007] = ("Pick up card, special conditions", CloudPaymentsDeclineClass.Hard),
            [5012] = ("Card not enabled for online payments", CloudPaymentsDeclineClass.Soft),
            [5013] = ("Amount too small or too large", CloudPaymentsDeclineClass.Soft),
            [5014] = ("Invalid card number", CloudPaymentsDeclineClass.Hard),
            [5015] = ("No such issuer", CloudPaymentsDeclineClass.Hard),
            [5019] = ("Transaction error", CloudPaymentsDeclineClass.Soft),
            [5030] = ("Format error", CloudPaymentsDeclineClass.Soft),
            [5031] = ("Issuer not supported", CloudPaymentsDeclineClass.Hard),
            [5033] = ("Expired card, pick up", CloudPaymentsDeclineClass.Hard),
            [5034] = ("Suspected fraud", CloudPaymentsDeclineClass.Soft),
            [5036] = ("Restricted card", CloudPaymentsDeclineClass.Hard),
            [5041] = ("Lost card", CloudPaymentsDeclineClass.Hard),
            [5043] = ("Stolen card", CloudPaymentsDeclineClass.Hard),
            [5051] = ("Insufficient funds", CloudPaymentsDeclineClass.Soft),
            [5054] = ("Expired card", CloudPaymentsDeclineClass.Hard),
            [5057] = ("Transaction not permitted", CloudPaymentsDeclineClass.Soft),
            [5062] = ("Restricted card", CloudPaymentsDeclineClass.Hard),
            [5063] = ("Security violation", CloudPaymentsDeclineClass.Hard),
            [5065] = ("Withdrawal frequency exceeded", CloudPaymentsDeclineClass.Soft),
            [5082] = ("Incorrect CVV", CloudPaymentsDeclineClass.Soft),
            [5091] = ("Issuer unavailable", CloudPaymentsDeclineClass.IssuerUnavailable),
            [5092] = ("Issuer network unreachable", CloudPaymentsDeclineClass.IssuerUnavailable),
            [5096] = ("Acquirer or network system error", CloudPaymentsDeclineClass.IssuerUnavailable),
            [5204] = ("Unable to process", CloudPaymentsDeclineClass.Soft),
            [5206] = ("3-D Secure authentication failed", CloudPaymentsDeclineClass.Soft),
            [5207] = ("3-D Secure authentication unavailable", CloudPaymentsDeclineClass.Soft),
            [5300] = ("Acquirer anti-fraud limits", CloudPaymentsDeclineClass.Soft),
        }.ToFrozenDictionary();

    public static CloudPaymentsDeclineClass Classify(int reasonCode) =>
        Table.TryGetValue(reasonCode, out var entry) ? entry.Class : CloudPaymentsDeclineClass.Soft;

    /// <summary>An English description for logs and support; the code itself when the table does not know it.</summary>
    public static string Describe(int reasonCode) =>
        Table.TryGetValue(reasonCode, out var entry)
            ? entry.Description
            : string.Create(CultureInfo.InvariantCulture, $"Declined with reason code {reasonCode}");
}
