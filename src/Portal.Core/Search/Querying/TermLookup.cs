using Lucene.Net.Index;

namespace Portal.Core.Search.Querying;

/// <summary>
/// The index entries of one query's terms, each looked up once. Lucene looks a term up again in
/// every query clause that names it, each time through a new terms enumerator (a copy of the file
/// handle); a query here names every word in four fields and asks its frequency for the common-word
/// gate. One enumerator per field and segment serves the whole query instead. Not thread-safe: one
/// per query, on the reader the query runs against.
/// </summary>
internal sealed class TermLookup(IndexReader reader)
{
    private readonly IndexReaderContext _top = reader.Context;
    private readonly Dictionary<string, TermsEnum?[]> _enumerators = new(StringComparer.Ordinal);
    private readonly Dictionary<Term, TermContext> _contexts = [];

    /// <summary>The term's state in every segment that has it (empty when none has).</summary>
    public TermContext Context(Term term)
    {
        if (_contexts.TryGetValue(term, out var known))
        {
            return known;
        }
        var leaves = _top.Leaves;
        var enumerators = Enumerators(term.Field);
        var context = new TermContext(_top);
        for (var i = 0; i < leaves.Count; i++)
        {
            if (enumerators[i] is { } terms && terms.SeekExact(term.Bytes))
            {
                context.Register(terms.GetTermState(), leaves[i].Ord, terms.DocFreq, terms.TotalTermFreq);
            }
        }
        _contexts[term] = context;
        return context;
    }

    public int DocFreq(Term term) => Context(term).DocFreq;

    /// <summary>The term's positions in one segment (null when the segment lacks it), through the shared enumerator: no second lookup.</summary>
    public DocsAndPositionsEnum? Positions(Term term, AtomicReaderContext leaf, DocsAndPositionsEnum? reuse = null)
    {
        var state = Context(term).Get(leaf.Ord);
        if (state is null || Enumerators(term.Field)[leaf.Ord] is not { } terms)
        {
            return null;
        }
        terms.SeekExact(term.Bytes, state);
        return terms.DocsAndPositions(leaf.AtomicReader.LiveDocs, reuse, DocsAndPositionsFlags.NONE);
    }

    private TermsEnum?[] Enumerators(string field)
    {
        if (!_enumerators.TryGetValue(field, out var enumerators))
        {
            var leaves = _top.Leaves;
            enumerators = new TermsEnum?[leaves.Count];
            for (var i = 0; i < leaves.Count; i++)
            {
                enumerators[i] = leaves[i].AtomicReader.GetTerms(field)?.GetEnumerator();
            }
            _enumerators[field] = enumerators;
        }
        return enumerators;
    }
}
