namespace ProfilePortal.Domain.Common;

/// <summary>
/// An expected failure: a stable code for tests and logs, a message key the UI localizes, and the
/// input field it belongs to when there is one.
/// </summary>
public sealed record Error(string Code, string Message, string? Field = null)
{
    public static Error NotFound(string what) => new($"{what}.not_found", $"{what} was not found.");

    public static Error Forbidden() => new("access.forbidden", "You do not have access to this resource.");

    public static Error Conflict(string what) =>
        new($"{what}.conflict", "Someone else changed this meanwhile. The current values are shown.");

    public static Error Validation(string field, string message) => new("validation", message, field);
}

/// <summary>The outcome of a use case that can fail in an expected way.</summary>
public class Result
{
    protected Result(IReadOnlyList<Error> errors) => Errors = errors;

    public IReadOnlyList<Error> Errors { get; }

    public bool Succeeded => Errors.Count == 0;

    public static Result Success() => new([]);

    public static Result Failure(params Error[] errors) => new(errors);

    public static implicit operator Result(Error error) => Failure(error);
}

/// <summary>The outcome of a use case that yields a value when it succeeds.</summary>
public sealed class Result<T> : Result
{
    private readonly T? _value;

    private Result(T? value, IReadOnlyList<Error> errors) : base(errors) => _value = value;

    /// <summary>The value; reading it from a failed result is a bug.</summary>
    public T Value => Succeeded
        ? _value!
        : throw new InvalidOperationException("A failed result has no value.");

    public static Result<T> Success(T value) => new(value, []);

    public static new Result<T> Failure(params Error[] errors) => new(default, errors);

    public static implicit operator Result<T>(T value) => Success(value);

    public static implicit operator Result<T>(Error error) => Failure(error);
}
