using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Portal.Core.Search.Querying;

/// <summary>
/// What one search may still spend: a deadline (<see cref="SearchOptions.TimeBudget"/>, or sooner
/// when the request is cancelled: the client went away or the portal is stopping) and the index
/// terms its wildcards may still read. Checked where a query's cost grows with the index: term
/// expansion and match collection.
/// </summary>
public sealed class SearchBudget
{
    private readonly long _deadline;
    private readonly CancellationToken _cancellation;
    private long _termsLeft;
    private int _expansionsLeft;

    public SearchBudget(SearchOptions options, CancellationToken cancellation)
    {
        _deadline = Stopwatch.GetTimestamp() + (long)(options.TimeBudget.TotalSeconds * Stopwatch.Frequency);
        _cancellation = cancellation;
        _termsLeft = options.MaxTermsScanned;
        MaxExpansions = options.MaxExpansions;
        _expansionsLeft = options.MaxExpansions * ExpansionsPerQuery;
    }

    /// <summary>
    /// How many wildcards' worth of terms one query may expand to in all: a query of twenty wildcards
    /// over four fields would otherwise be thousands of term queries.
    /// </summary>
    public const int ExpansionsPerQuery = 8;

    /// <summary>Takes up to <paramref name="wanted"/> expansions from what the query has left; fewer (and exhausted) when it runs out.</summary>
    public int TakeExpansions(int wanted)
    {
        var granted = Math.Min(wanted, Math.Max(0, _expansionsLeft));
        _expansionsLeft -= granted;
        if (granted < wanted)
        {
            Exhausted = true;
        }
        return granted;
    }

    public int MaxExpansions { get; }

    /// <summary>Set when a limit cut the search short: its results are what was found by then.</summary>
    public bool Exhausted { get; private set; }

    public bool IsOver => Exhausted || TimeIsUp;

    private bool TimeIsUp => Stopwatch.GetTimestamp() > _deadline || _cancellation.IsCancellationRequested;

    /// <summary>Spends one scanned term; false (and exhausted) when none are left or time is up (the clock is read every 1,024 terms).</summary>
    public bool TakeTerm()
    {
        if (Exhausted)
        {
            return false;
        }
        if (--_termsLeft < 0 || (_termsLeft & 1023) == 0 && TimeIsUp)
        {
            Exhausted = true;
            return false;
        }
        return true;
    }

    internal void Exhaust() => Exhausted = true;
}

/// <summary>
/// Passes matches on until the budget's time is up, then stops the search: what the inner
/// collectors gathered by then is the (partial) result. The clock is read every 256 matches.
/// </summary>
internal sealed class BudgetCollector(ICollector inner, SearchBudget budget) : ICollector
{
    private int _sinceCheck;

    public bool AcceptsDocsOutOfOrder => inner.AcceptsDocsOutOfOrder;

    public void SetScorer(Scorer scorer) => inner.SetScorer(scorer);

    public void SetNextReader(AtomicReaderContext context)
    {
        Check();
        inner.SetNextReader(context);
    }

    public void Collect(int doc)
    {
        if (++_sinceCheck >= 256)
        {
            _sinceCheck = 0;
            Check();
        }
        inner.Collect(doc);
    }

    private void Check()
    {
        if (budget.IsOver)
        {
            budget.Exhaust();
            throw new BudgetExceededException();
        }
    }
}

/// <summary>Thrown out of a search whose budget ran out; caught by the engine, never seen by callers.</summary>
internal sealed class BudgetExceededException : Exception;
