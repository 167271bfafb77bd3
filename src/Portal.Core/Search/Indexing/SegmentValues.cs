using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace Portal.Core.Search.Indexing;

/// <summary>
/// Per-document values that every search reads for every match (a passage's distance to its main
/// document, the facet values), copied once per segment into arrays. Lucene's doc values stay on
/// disk and are decoded value by value through the directory's byte reader; a query matching
/// thousands of documents read them as often. A segment never changes once written (deletions
/// aside, which only hide documents), so its arrays live as long as the segment's core: reopens
/// and merges release them with the segment.
/// </summary>
public sealed class SegmentValues
{
    private static readonly ConditionalWeakTable<object, SegmentValues> BySegment = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SortedValues?> _sorted = new(StringComparer.Ordinal);
    private int[]? _mainOffsets;

    /// <summary>
    /// The values of a segment, built on first use. Keyed by the segment's core, which every reader
    /// of the segment shares (a reopen makes new readers of old segments); the values are read
    /// through whichever reader asks, never kept, since a reader may be closed while its core lives on.
    /// </summary>
    public static SegmentValues Of(AtomicReader reader) => BySegment.GetValue(reader.CoreCacheKey, _ => new SegmentValues());

    /// <summary><see cref="SearchFields.MainOffset"/> of every document (0 where absent).</summary>
    public int[] MainOffsets(AtomicReader reader)
    {
        if (_mainOffsets is { } known)
        {
            return known;
        }
        lock (_lock)
        {
            if (_mainOffsets is null)
            {
                var values = reader.GetNumericDocValues(SearchFields.MainOffset);
                var offsets = new int[reader.MaxDoc];
                if (values is not null)
                {
                    for (var doc = 0; doc < offsets.Length; doc++)
                    {
                        offsets[doc] = (int)values.Get(doc);
                    }
                }
                _mainOffsets = offsets;
            }
            return _mainOffsets;
        }
    }

    /// <summary>A sorted (facet) field: each document's ordinal (−1 where absent) and the values by ordinal; null when the segment lacks the field.</summary>
    public SortedValues? Sorted(AtomicReader reader, string field)
    {
        lock (_lock)
        {
            if (!_sorted.TryGetValue(field, out var values))
            {
                _sorted[field] = values = SortedValues.Read(reader, field);
            }
            return values;
        }
    }
}

/// <summary>One sorted doc values field of a segment, in memory.</summary>
public sealed class SortedValues
{
    private SortedValues(int[] ordinals, string[] values)
    {
        Ordinals = ordinals;
        Values = values;
    }

    public int[] Ordinals { get; }
    public string[] Values { get; }

    internal static SortedValues? Read(AtomicReader reader, string field)
    {
        var source = reader.GetSortedDocValues(field);
        if (source is null)
        {
            return null;
        }
        var ordinals = new int[reader.MaxDoc];
        for (var doc = 0; doc < ordinals.Length; doc++)
        {
            ordinals[doc] = source.GetOrd(doc);
        }
        var values = new string[source.ValueCount];
        var scratch = new BytesRef();
        for (var ord = 0; ord < values.Length; ord++)
        {
            source.LookupOrd(ord, scratch);
            values[ord] = scratch.Utf8ToString();
        }
        return new SortedValues(ordinals, values);
    }
}
