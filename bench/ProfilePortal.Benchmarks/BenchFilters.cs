using System.Reflection;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;

namespace ProfilePortal.Benchmarks;

/// <summary>
/// The <c>--filter</c> (<c>-f</c>) patterns of the command line, matched like BenchmarkDotNet's glob filter:
/// <c>*</c> and <c>?</c> wildcards over the full name (namespace, type, method), case-insensitive.
/// </summary>
internal sealed class BenchFilters(IReadOnlyList<Regex> patterns)
{
    public bool IsEmpty => patterns.Count == 0;

    public static BenchFilters Parse(string[] args)
    {
        var patterns = new List<Regex>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is not ("--filter" or "-f"))
            {
                continue;
            }

            for (i++; i < args.Length && !args[i].StartsWith('-'); i++)
            {
                patterns.Add(new Regex(
                    "^" + Regex.Escape(args[i]).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
                    RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));
            }

            i--;
        }

        return new BenchFilters(patterns);
    }

    public bool Selects(string fullName) => patterns.Any(pattern => pattern.IsMatch(fullName));

    /// <summary>Whether a pattern picks any BenchmarkDotNet benchmark of <paramref name="assembly"/>.</summary>
    public bool SelectsAny(Assembly assembly) => assembly.GetTypes().Any(SelectsAny);

    /// <summary>Whether no pattern is given or one picks a benchmark of <paramref name="type"/>.</summary>
    public bool SelectsAny(Type type) => IsEmpty || type.GetMethods()
        .Where(method => method.IsDefined(typeof(BenchmarkAttribute)))
        .Any(method => Selects($"{type.FullName}.{method.Name}"));
}
