using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Portal.Core.Search.Analysis;

namespace Portal.Core.Search.Querying;

/// <summary>
/// Expands a wildcard, prefix or range of the advanced syntax into at most
/// <see cref="SearchBudget.MaxExpansions"/> index terms, the most frequent first, reading the terms
/// dictionary from the pattern's literal beginning and spending the budget's scanned terms.
/// Lucene's own wildcard and regular expression queries compile the pattern to an automaton first,
/// and «*а???…» or «.*а.{30}» need one with millions of states: one request ran six minutes and
/// grew the process to 21 GB. Here a pattern is matched term by term, in time linear in the terms
/// read, so no pattern costs more than the budget.
/// <para>
/// The index holds stems, not words: «списани*» would miss «списан», the stem of every form of
/// «списание». The vocabulary's words (titles, headings, beginnings of texts) that match the
/// pattern therefore add their stems.
/// </para>
/// </summary>
internal sealed class TermExpander(IndexReader reader, PortalAnalyzer analyzer, SearchVocabulary vocabulary, SearchBudget budget)
{
    /// <summary>Longest pattern or range bound expanded; an index term is at most <see cref="PortalTokenizer.MaxTokenLength"/> letters.</summary>
    public const int MaxPatternLength = PortalTokenizer.MaxTokenLength;

    public int MaxExpansions => budget.MaxExpansions;

    /// <summary>A pattern of <c>*</c> (any run) and <c>?</c> (one character), folded as the index is.</summary>
    public Query Wildcard(string field, string pattern)
    {
        var folded = TextNormalizer.Fold(pattern);
        var literal = folded.IndexOfAny(['*', '?']) is var first && first < 0 ? folded : folded[..first];
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        Scan(field, literal, term => WildcardMatches(folded, term), found);
        if (!SearchFields.IsExact(field))
        {
            foreach (var word in vocabulary.WordsStartingWith(literal, int.MaxValue))
            {
                if (!budget.TakeTerm())
                {
                    break;
                }
                if (WildcardMatches(folded, word))
                {
                    foreach (var term in analyzer.Morphology.Terms(word))
                    {
                        found.TryAdd(term, reader.DocFreq(new Term(field, term)));
                    }
                }
            }
        }
        return Best(field, found);
    }

    /// <summary>Terms between two bounds (either may be null: open).</summary>
    public Query Range(string field, string? lower, string? upper, bool includeLower, bool includeUpper)
    {
        var low = lower is null ? null : new BytesRef(TextNormalizer.Fold(lower));
        var high = upper is null ? null : new BytesRef(TextNormalizer.Fold(upper));
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        var terms = MultiFields.GetTerms(reader, field);
        if (terms is null)
        {
            return Best(field, found);
        }
        var iterator = terms.GetEnumerator();
        if (low is not null && iterator.SeekCeil(low) == TermsEnum.SeekStatus.END)
        {
            return Best(field, found);
        }
        var current = low is null ? (iterator.MoveNext() ? iterator.Term : null) : iterator.Term;
        var comparer = BytesRef.UTF8SortedAsUnicodeComparer;
        while (current is not null && budget.TakeTerm())
        {
            if (high is not null && (comparer.Compare(current, high) is var c && (c > 0 || c == 0 && !includeUpper)))
            {
                break;
            }
            if (low is null || includeLower || !current.BytesEquals(low))
            {
                found[current.Utf8ToString()] = iterator.DocFreq;
            }
            current = iterator.MoveNext() ? iterator.Term : null;
        }
        return Best(field, found);
    }

    /// <summary>Every term of the field that starts with <paramref name="prefix"/> and passes <paramref name="accept"/>.</summary>
    private void Scan(string field, string prefix, Func<string, bool> accept, Dictionary<string, int> found)
    {
        var terms = MultiFields.GetTerms(reader, field);
        if (terms is null)
        {
            return;
        }
        var iterator = terms.GetEnumerator();
        var start = new BytesRef(prefix);
        if (iterator.SeekCeil(start) == TermsEnum.SeekStatus.END)
        {
            return;
        }
        var current = iterator.Term;
        while (current is not null && StringHelper.StartsWith(current, start) && budget.TakeTerm())
        {
            var text = current.Utf8ToString();
            if (accept(text))
            {
                found[text] = iterator.DocFreq;
            }
            current = iterator.MoveNext() ? iterator.Term : null;
        }
    }

    /// <summary>The most frequent expansions as one disjunction (coordination off: any of them is the clause).</summary>
    private Query Best(string field, Dictionary<string, int> found)
    {
        var query = new BooleanQuery(disableCoord: true);
        var present = found.Where(f => f.Value > 0).ToList();
        var allowed = budget.TakeExpansions(Math.Min(present.Count, budget.MaxExpansions));
        foreach (var (term, _) in present.OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal).Take(allowed))
        {
            query.Add(new TermQuery(new Term(field, term)), Occur.SHOULD);
        }
        return query;
    }

    /// <summary>
    /// Whether the whole text matches a pattern of <c>*</c> and <c>?</c>: the usual two-cursor
    /// match that goes back only to the last star, so at most pattern × text steps and no state.
    /// </summary>
    public static bool WildcardMatches(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }
        return p == pattern.Length;
    }
}
