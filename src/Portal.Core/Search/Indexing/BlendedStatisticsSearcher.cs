using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Portal.Core.Search.Indexing;

/// <summary>
/// A searcher that gives a word one document frequency across the text fields (title, requisites,
/// headings, body): the largest of them, as BM25F blends fields. With Lucene's per-field
/// statistics a word common in texts but rare in titles («допускается», «работа») gets a high
/// idf in the title, and a title holding it outranks the text that answers the query with the
/// rare words the user cared about.
/// </summary>
public sealed class BlendedStatisticsSearcher(IndexReader reader) : IndexSearcher(reader)
{
    private static readonly string[] BlendedFields = [SearchFields.Title, SearchFields.Requisites, SearchFields.Headings, SearchFields.Body];
    private readonly ConcurrentDictionary<string, int> _blendedFrequency = new(StringComparer.Ordinal);

    public override TermStatistics TermStatistics(Term term, TermContext context)
    {
        var statistics = base.TermStatistics(term, context);
        if (Array.IndexOf(BlendedFields, term.Field) < 0)
        {
            return statistics;
        }
        var text = term.Text;
        if (!_blendedFrequency.TryGetValue(text, out var frequency))
        {
            frequency = BlendedFields.Max(f => IndexReader.DocFreq(new Term(f, text)));
            // Only words of the index are kept: they are bounded by its vocabulary, while queries
            // (typos, garbage, an attack) bring new strings without end.
            if (frequency > 0)
            {
                _blendedFrequency.TryAdd(text, frequency);
            }
        }
        return frequency <= statistics.DocFreq
            ? statistics
            : new TermStatistics(statistics.Term, frequency, Math.Max(statistics.TotalTermFreq, frequency));
    }
}
