using System.ComponentModel.DataAnnotations;
using Portal.Core.Search.Indexing;

namespace Portal.Core.Search;

/// <summary>
/// Settings under <c>Portal:Search</c>: how the index is read and what one search may cost. Every
/// search runs under <see cref="TimeBudgetMilliseconds"/> and returns what it found by then, marked
/// as partial; the expansions of wildcards, prefixes, fuzzy terms and ranges in the advanced syntax
/// are bounded by <see cref="MaxExpansions"/> and <see cref="MaxTermsScanned"/>.
/// </summary>
public sealed class SearchOptions
{
    public const string Section = "Portal:Search";

    /// <summary>How the index files are read. Default: memory-mapped, read by pointer (the fastest here, see the search README).</summary>
    public IndexDirectoryKind Directory { get; set; } = IndexDirectoryKind.Mapped;

    /// <summary>Longest a search may take to collect its matches, in milliseconds. Default: 500.</summary>
    [Range(10, 60_000)]
    public int TimeBudgetMilliseconds { get; set; } = 500;

    /// <summary>Most index terms one wildcard, prefix, fuzzy term or range of the advanced syntax expands to. Default: 64.</summary>
    [Range(1, 1024)]
    public int MaxExpansions { get; set; } = 64;

    /// <summary>Most index terms one wildcard or prefix may read while looking for its expansions. Default: 100,000.</summary>
    [Range(1_000, 10_000_000)]
    public int MaxTermsScanned { get; set; } = 100_000;

    public TimeSpan TimeBudget => TimeSpan.FromMilliseconds(TimeBudgetMilliseconds);
}
