using Lucene.Net.Index;
using Lucene.Net.Search;
using Portal.Core.Search.Indexing;

namespace Portal.Core.Search.Querying;

/// <summary>
/// Counts facet values of every matching document from doc values (Lucene.Net.Facet is not
/// available): one ordinal array per field and segment, resolved to strings at the end.
/// </summary>
public sealed class FacetCollector(IReadOnlyList<string> fields) : ICollector
{
    private readonly Dictionary<string, int>[] _counts = fields.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
    private SortedValues?[] _values = [];
    private int[][] _segmentCounts = [];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        FlushSegment();
        var segment = SegmentValues.Of(context.AtomicReader);
        _values = fields.Select(f => segment.Sorted(context.AtomicReader, f)).ToArray();
        _segmentCounts = _values.Select(v => new int[v?.Values.Length ?? 0]).ToArray();
    }

    public void Collect(int doc)
    {
        for (var i = 0; i < _values.Length; i++)
        {
            var values = _values[i];
            if (values is null)
            {
                continue;
            }
            var ord = values.Ordinals[doc];
            if (ord >= 0)
            {
                _segmentCounts[i][ord]++;
            }
        }
    }

    private void FlushSegment()
    {
        for (var i = 0; i < _values.Length; i++)
        {
            var values = _values[i];
            if (values is null)
            {
                continue;
            }
            var counts = _segmentCounts[i];
            for (var ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] > 0)
                {
                    var key = values.Values[ord];
                    _counts[i][key] = _counts[i].GetValueOrDefault(key) + counts[ord];
                }
            }
        }
        _values = [];
        _segmentCounts = [];
    }

    public IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Result(int maxValues)
    {
        FlushSegment();
        var result = new Dictionary<string, IReadOnlyList<FacetValue>>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            var ordered = fields[i] == SearchFields.Year
                ? _counts[i].OrderByDescending(kv => kv.Key, StringComparer.Ordinal)
                : _counts[i].OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal);
            result[fields[i]] = ordered.Take(maxValues).Select(kv => new FacetValue(kv.Key, kv.Value)).ToList();
        }
        return result;
    }
}
