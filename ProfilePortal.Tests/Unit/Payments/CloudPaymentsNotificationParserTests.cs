using System.Globalization;
using System.Text;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Infrastructure.Payments.CloudPayments;

namespace ProfilePortal.Tests.Unit.Payments;

public sealed class CloudPaymentsNotificationParserTests
{
    private const string Form = "application/x-www-form-urlencoded";
    private const string Json = "application/json; charset=utf-8";

    private static readonly DateTimeOffset Created = new(2026, 11, 23, 10, 15, 30, TimeSpan.Zero);

    // The provider's form: '+' for spaces, escaped '/', '@', ':' and JSON in Data.
    private const string PayForm =
        "TransactionId=1234567&Amount=990.50&Currency=RUB&PaymentAmount=990.50&PaymentCurrency=RUB&OperationType=Payment"
        + "&InvoiceId=sub-42%2F2026-11&AccountId=user-7&SubscriptionId=&Name=IVAN+IVANOV&Email=ivan%40example.com"
        + "&DateTime=2026-11-23+10%3A15%3A30&IpAddress=203.0.113.5&IpCountry=RU&CardFirstSix=424242&CardLastFour=4242"
        + "&CardType=Visa&CardExpDate=12%2F29&Issuer=Sberbank&Description=Pro+plan%2C+monthly&TestMode=1&Status=Completed"
        + "&Token=tk_7f3a&CardId=card-1&Data=%7B%22plan%22%3A%22pro%22%7D";

    private const string PayJson = """
        {"TransactionId":1234567,"Amount":990.50,"Currency":"RUB","PaymentAmount":990.50,"PaymentCurrency":"RUB",
         "OperationType":"Payment","InvoiceId":"sub-42/2026-11","AccountId":"user-7","SubscriptionId":null,"Name":"IVAN IVANOV",
         "Email":"ivan@example.com","DateTime":"2026-11-23 10:15:30","IpAddress":"203.0.113.5","IpCountry":"RU",
         "CardFirstSix":"424242","CardLastFour":"4242","CardType":"Visa","CardExpDate":"12/29","Issuer":"Sberbank",
         "Description":"Pro plan, monthly","TestMode":true,"Status":"Completed","Token":"tk_7f3a","CardId":"card-1",
         "Data":{"plan":"pro"}}
        """;

    private static readonly CloudPaymentsPayNotification ExpectedPay = new()
    {
        TransactionId = 1234567,
        Amount = 990.50m,
        Currency = "RUB",
        DateTime = Created,
        CardFirstSix = "424242",
        CardLastFour = "4242",
        CardType = "Visa",
        CardExpDate = new CloudPaymentsCardExpiry(12, 2029),
        InvoiceId = "sub-42/2026-11",
        AccountId = "user-7",
        SubscriptionId = null,
        Email = "ivan@example.com",
        IpAddress = "203.0.113.5",
        CardId = "card-1",
        Status = "Completed",
        OperationType = "Payment",
        Description = "Pro plan, monthly",
        Data = """{"plan":"pro"}""",
        TestMode = true,
        Token = "tk_7f3a",
    };

    [Theory]
    [InlineData(PayForm, Form)]
    [InlineData(PayJson, Json)]
    public void A_pay_notification_is_read_from_either_format(string body, string contentType)
    {
        var result = CloudPaymentsNotificationParser.ParsePay(Bytes(body), contentType);

        Assert.True(result.Succeeded, Describe(result.Errors));
        Assert.Equal(ExpectedPay, result.Value);
    }

    [Fact]
    public void A_pay_notification_gives_the_card_to_save()
    {
        var card = CloudPaymentsNotificationParser.ParsePay(Bytes(PayForm), Form).Value.ToCardDetails();

        Assert.Equal(new CardDetails("tk_7f3a", "Visa", "4242", 12, 2029, "card-1"), card);
    }

    [Fact]
    public void A_pay_notification_without_a_token_gives_no_card()
    {
        var body = PayForm.Replace("&Token=tk_7f3a", string.Empty, StringComparison.Ordinal);

        Assert.Null(CloudPaymentsNotificationParser.ParsePay(Bytes(body), Form).Value.ToCardDetails());
    }

    [Fact]
    public void Amounts_are_read_with_a_decimal_point_whatever_the_current_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("ru-RU");
        try
        {
            Assert.Equal(990.50m, CloudPaymentsNotificationParser.ParsePay(Bytes(PayForm), Form).Value.Amount);
            Assert.Equal(990.50m, CloudPaymentsNotificationParser.ParsePay(Bytes(PayJson), Json).Value.Amount);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Without_a_content_type_a_json_object_is_read_as_json_and_anything_else_as_a_form()
    {
        Assert.Equal(ExpectedPay, CloudPaymentsNotificationParser.ParsePay(Bytes(PayJson), null).Value);
        Assert.Equal(ExpectedPay, CloudPaymentsNotificationParser.ParsePay(Bytes(PayForm), null).Value);
    }

    [Theory]
    [InlineData("TransactionId=501&Amount=100.00&Currency=RUB&DateTime=2026-11-23+10%3A15%3A30&CardFirstSix=220220&CardLastFour=0001&CardType=MIR&CardExpDate=01%2F27&InvoiceId=inv-1&AccountId=user-1&Email=&IpAddress=198.51.100.7&TestMode=0&Status=Completed&OperationType=Payment&CardId=card-9", Form)]
    [InlineData("""{"TransactionId":501,"Amount":100,"Currency":"RUB","DateTime":"2026-11-23T10:15:30Z","CardFirstSix":"220220","CardLastFour":"0001","CardType":"MIR","CardExpDate":"01/27","InvoiceId":"inv-1","AccountId":"user-1","Email":"","IpAddress":"198.51.100.7","TestMode":false,"Status":"Completed","OperationType":"Payment","CardId":"card-9"}""", Json)]
    public void A_check_notification_is_read_from_either_format(string body, string contentType)
    {
        var result = CloudPaymentsNotificationParser.ParseCheck(Bytes(body), contentType);

        Assert.True(result.Succeeded, Describe(result.Errors));
        Assert.Equal(
            new CloudPaymentsCheckNotification
            {
                TransactionId = 501,
                Amount = 100m,
                Currency = "RUB",
                DateTime = Created,
                CardFirstSix = "220220",
                CardLastFour = "0001",
                CardType = "MIR",
                CardExpDate = new CloudPaymentsCardExpiry(1, 2027),
                InvoiceId = "inv-1",
                AccountId = "user-1",
                IpAddress = "198.51.100.7",
                CardId = "card-9",
                Status = "Completed",
                OperationType = "Payment",
                TestMode = false,
            },
            result.Value);
    }

    [Theory]
    [InlineData("TransactionId=777&Amount=990.00&Currency=RUB&DateTime=2026-11-23+10%3A15%3A30&CardLastFour=4242&CardExpDate=12%2F29&InvoiceId=sub-42%2F2026-11&AccountId=user-7&SubscriptionId=sc_123&Reason=InsufficientFunds&ReasonCode=5051&Status=Declined&TestMode=1", Form)]
    [InlineData("""{"TransactionId":"777","Amount":"990.00","Currency":"RUB","DateTime":"2026-11-23 10:15:30","CardLastFour":"4242","CardExpDate":"12/29","InvoiceId":"sub-42/2026-11","AccountId":"user-7","SubscriptionId":"sc_123","Reason":"InsufficientFunds","ReasonCode":5051,"Status":"Declined","TestMode":"1"}""", Json)]
    public void A_fail_notification_is_read_from_either_format(string body, string contentType)
    {
        var result = CloudPaymentsNotificationParser.ParseFail(Bytes(body), contentType);

        Assert.True(result.Succeeded, Describe(result.Errors));
        Assert.Equal(
            new CloudPaymentsFailNotification
            {
                TransactionId = 777,
                Amount = 990m,
                Currency = "RUB",
                DateTime = Created,
                CardLastFour = "4242",
                CardExpDate = new CloudPaymentsCardExpiry(12, 2029),
                InvoiceId = "sub-42/2026-11",
                AccountId = "user-7",
                SubscriptionId = "sc_123",
                Reason = "InsufficientFunds",
                ReasonCode = 5051,
                Status = "Declined",
                TestMode = true,
            },
            result.Value);
    }

    [Theory]
    [InlineData("TransactionId=900&PaymentTransactionId=777&Amount=250.25&DateTime=2026-11-23+10%3A15%3A30&InvoiceId=sub-42%2F2026-11&AccountId=user-7&Email=ivan%40example.com", Form)]
    [InlineData("""{"TransactionId":900,"PaymentTransactionId":777,"Amount":250.25,"DateTime":"2026-11-23 10:15:30","InvoiceId":"sub-42/2026-11","AccountId":"user-7","Email":"ivan@example.com"}""", Json)]
    public void A_refund_notification_is_read_from_either_format(string body, string contentType)
    {
        var result = CloudPaymentsNotificationParser.ParseRefund(Bytes(body), contentType);

        Assert.True(result.Succeeded, Describe(result.Errors));
        Assert.Equal(
            new CloudPaymentsRefundNotification
            {
                TransactionId = 900,
                PaymentTransactionId = 777,
                Amount = 250.25m,
                DateTime = Created,
                InvoiceId = "sub-42/2026-11",
                AccountId = "user-7",
                Email = "ivan@example.com",
            },
            result.Value);
    }

    [Theory]
    [InlineData("Id=sc_8cf8a9338fb8ebf7202b08d09c938&AccountId=user-7&Description=Pro+plan&Email=ivan%40example.com&Amount=990.00&Currency=RUB&RequireConfirmation=0&StartDate=2026-11-23+10%3A15%3A30&Interval=Month&Period=1&Status=Cancelled&SuccessfulTransactionsNumber=3&FailedTransactionsNumber=0&MaxPeriods=&LastTransactionDate=2026-11-23+10%3A15%3A30&NextTransactionDate=", Form)]
    [InlineData("""{"Id":"sc_8cf8a9338fb8ebf7202b08d09c938","AccountId":"user-7","Description":"Pro plan","Email":"ivan@example.com","Amount":990.00,"Currency":"RUB","RequireConfirmation":false,"StartDate":"2026-11-23 10:15:30","Interval":"Month","Period":1,"Status":"Cancelled","SuccessfulTransactionsNumber":3,"FailedTransactionsNumber":0,"MaxPeriods":null,"LastTransactionDate":"2026-11-23 10:15:30","NextTransactionDate":null}""", Json)]
    public void A_recurrent_notification_is_read_from_either_format(string body, string contentType)
    {
        var result = CloudPaymentsNotificationParser.ParseRecurrent(Bytes(body), contentType);

        Assert.True(result.Succeeded, Describe(result.Errors));
        Assert.Equal(
            new CloudPaymentsRecurrentNotification
            {
                Id = "sc_8cf8a9338fb8ebf7202b08d09c938",
                Status = "Cancelled",
                AccountId = "user-7",
                Description = "Pro plan",
                Email = "ivan@example.com",
                Amount = 990m,
                Currency = "RUB",
                RequireConfirmation = false,
                StartDate = Created,
                Interval = "Month",
                Period = 1,
                MaxPeriods = null,
                SuccessfulTransactionsNumber = 3,
                FailedTransactionsNumber = 0,
                LastTransactionDate = Created,
                NextTransactionDate = null,
            },
            result.Value);
    }

    [Theory]
    [InlineData("", Form, "The notification body is empty.")]
    [InlineData("   ", Json, "The notification body is empty.")]
    [InlineData("{\"TransactionId\":1,", Json, "The notification body is not valid JSON")]
    [InlineData("[1,2,3]", Json, "The notification body is JSON but not an object.")]
    [InlineData("&&&", Form, "The notification body has no fields.")]
    public void A_body_that_is_not_a_notification_is_a_parse_error(string body, string contentType, string message)
    {
        var result = CloudPaymentsNotificationParser.ParsePay(Bytes(body), contentType);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal(CloudPaymentsNotificationParser.MalformedCode, error.Code);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Amount=10.00&Currency=RUB", "TransactionId", "TransactionId is missing.")]
    [InlineData("TransactionId=abc&Amount=10.00&Currency=RUB", "TransactionId", "TransactionId must be a whole number.")]
    [InlineData("TransactionId=1&Amount=10%2C50&Currency=RUB", "Amount", "Amount must be a number with a decimal point.")]
    [InlineData("TransactionId=1&Amount=10.00", "Currency", "Currency is missing.")]
    [InlineData("TransactionId=1&Amount=10.00&Currency=RUB&CardExpDate=13%2F29", "CardExpDate", "CardExpDate must be a card expiry date (MM/YY).")]
    [InlineData("TransactionId=1&Amount=10.00&Currency=RUB&DateTime=23.11.2026", "DateTime", "DateTime must be a UTC date and time (yyyy-MM-dd HH:mm:ss).")]
    [InlineData("TransactionId=1&Amount=10.00&Currency=RUB&TestMode=maybe", "TestMode", "TestMode must be 0, 1, true or false.")]
    public void A_missing_or_malformed_field_is_a_parse_error_that_names_it(string body, string field, string message)
    {
        var result = CloudPaymentsNotificationParser.ParsePay(Bytes(body), Form);

        var error = Assert.Single(result.Errors);
        Assert.Equal(field, error.Field);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Every_problem_of_a_body_is_reported_at_once()
    {
        var result = CloudPaymentsNotificationParser.ParseRefund(Bytes("""{"TransactionId":"x","Amount":"ten"}"""), Json);

        Assert.Equal(["TransactionId", "PaymentTransactionId", "Amount"], result.Errors.Select(e => e.Field));
    }

    [Fact]
    public void A_recurrent_notification_needs_its_id_and_status() =>
        Assert.Equal(
            ["Id", "Status"],
            CloudPaymentsNotificationParser.ParseRecurrent(Bytes("AccountId=user-7"), Form).Errors.Select(e => e.Field));

    [Fact]
    public void Bytes_that_are_not_text_are_a_parse_error_not_an_exception()
    {
        byte[] garbage = [0xFF, 0xFE, 0x00, 0x26, 0x3D, 0xC3, 0x28, 0x7B];

        Assert.False(CloudPaymentsNotificationParser.ParseFail(garbage, Form).Succeeded);
        Assert.False(CloudPaymentsNotificationParser.ParseFail(garbage, Json).Succeeded);
    }

    private static byte[] Bytes(string body) => Encoding.UTF8.GetBytes(body);

    private static string Describe(IEnumerable<ProfilePortal.Domain.Common.Error> errors) =>
        string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}"));
}
