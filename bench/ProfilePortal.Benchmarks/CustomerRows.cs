using Microsoft.Data.Sqlite;
using ProfilePortal.Domain.Payments;
using ProfilePortal.Infrastructure.Payments.Sandbox;

namespace ProfilePortal.Benchmarks;

/// <summary>
/// What every sweep template has per organization: its owner (a user, half of them writing in Russian, half in
/// English), the personal organization, the owner's membership and a saved sandbox card, written with prepared
/// statements in the shapes EF Core writes. The ids are the template's own (a kind per template, see
/// <see cref="BenchDatabase.Id"/>), so two templates never share one.
/// </summary>
internal sealed class CustomerRows : IDisposable
{
    private readonly SqliteCommand _user;
    private readonly SqliteCommand _organization;
    private readonly SqliteCommand _membership;
    private readonly SqliteCommand _card;

    public CustomerRows(SqliteConnection connection, SqliteTransaction transaction, string emailDomain)
    {
        EmailDomain = emailDomain;
        _user = BenchDatabase.Prepare(connection, transaction,
            "INSERT INTO AspNetUsers (Id, FirstName, LastName, Company, Country, TimeZone, PreferredLanguage, CreatedAt, TrialUsed, TrialUsedAt, " +
            "UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, SecurityStamp, ConcurrencyStamp, " +
            "PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount, NotifyWhenQuotaLow) " +
            "VALUES ($id, $first, $last, 'Company', 'RU', 'Europe/Moscow', $language, $created, 1, $trialUsedAt, $email, $upper, $email, $upper, 1, $stamp, $stamp, 0, 0, 1, 0, 1)",
            "$id", "$first", "$last", "$language", "$created", "$trialUsedAt", "$email", "$upper", "$stamp");
        _organization = BenchDatabase.Prepare(connection, transaction,
            "INSERT INTO Organizations (Id, Name, IsPersonal, CreatedAt) VALUES ($id, $name, 1, $created)", "$id", "$name", "$created");
        _membership = BenchDatabase.Prepare(connection, transaction,
            "INSERT INTO Memberships (OrganizationId, UserId, Role, JoinedAt) VALUES ($org, $user, 'Owner', $created)", "$org", "$user", "$created");
        _card = BenchDatabase.Prepare(connection, transaction,
            "INSERT INTO PaymentMethods (Id, OrganizationId, Provider, Token, Brand, Last4, ExpiryMonth, ExpiryYear, Fingerprint, AddedByUserId, AddedAt) " +
            "VALUES ($id, $org, $provider, $token, $brand, $last4, $month, $year, $fingerprint, $user, $added)",
            "$id", "$org", "$provider", "$token", "$brand", "$last4", "$month", "$year", "$fingerprint", "$user", "$added");
    }

    public string EmailDomain { get; }

    /// <summary>
    /// Writes customer <paramref name="index"/>: an owner created at <paramref name="created"/> (who used a trial
    /// at <paramref name="trialUsedAt"/>, or earlier when null), the organization, the membership and the card
    /// added at <paramref name="cardAdded"/>; returns the card.
    /// </summary>
    public CardDetails Insert(int index, string userId, string organizationId, string cardId, object created, object? trialUsedAt, object cardAdded)
    {
        var email = $"owner{index}@{EmailDomain}";
        BenchDatabase.Run(_user, userId, $"First{index}", $"Last{index}", index % 2 == 0 ? "ru" : "en", created, trialUsedAt ?? DBNull.Value,
            email, email.ToUpperInvariant(), Guid.NewGuid().ToString());
        BenchDatabase.Run(_organization, organizationId, $"Org {index}", created);
        BenchDatabase.Run(_membership, organizationId, userId, created);
        var card = NewCard();
        BenchDatabase.Run(_card, cardId, organizationId, SandboxGateway.ProviderName, card.Token, card.Brand, card.Last4,
            card.ExpiryMonth, card.ExpiryYear, (object?)card.Fingerprint ?? DBNull.Value, userId, cardAdded);
        return card;
    }

    /// <summary>A real sandbox token (it must parse when charged), valid for years after the benchmark's "now".</summary>
    private static CardDetails NewCard() =>
        SandboxCards.Tokenize("4242424242424242", 12, BenchDatabase.Now.Year + 4, "123", BenchDatabase.Now).Value;

    public void Dispose()
    {
        _user.Dispose();
        _organization.Dispose();
        _membership.Dispose();
        _card.Dispose();
    }
}
