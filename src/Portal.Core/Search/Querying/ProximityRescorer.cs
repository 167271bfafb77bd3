using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Portal.Core.Search.Indexing;

namespace Portal.Core.Search.Querying;

/// <summary>
/// The proximity part of a ranked query: how near each other the query's words stand in the title
/// and the body of the best matches. Scored as Lucene scores a sloppy phrase under BM25 (each
/// window of the words in order within the slop counts 1 / (1 + its length); the phrase's idf is
/// the sum of its terms'), but read from the postings of the terms the query already looked up:
/// one positions enumerator per term and segment serves the whole phrase, the title phrase and
/// every word pair. Built as Lucene queries (a MultiPhraseQuery per phrase and pair) the same
/// score cost a quarter of a whole search: each phrase looked every term up again and read its
/// positions again.
/// </summary>
public sealed record ProximityQuery(IReadOnlyList<string[]> Positions, RankingWeights Weights);

/// <summary>Adds <see cref="ProximityQuery"/> scores to documents of one searcher; one per query (not thread-safe).</summary>
internal sealed class ProximityRescorer
{
    private readonly ProximityQuery _query;
    private readonly IndexSearcher _searcher;
    private readonly TermLookup _terms;
    private readonly FieldPhrase _body;
    private readonly FieldPhrase _title;
    private readonly FieldPhrase[] _pairs;

    public ProximityRescorer(ProximityQuery query, IndexSearcher searcher, TermLookup terms)
    {
        _query = query;
        _searcher = searcher;
        _terms = terms;
        var positions = query.Positions;
        var weights = query.Weights;
        _body = new FieldPhrase(SearchFields.Body, 0, positions.Count, weights.PhraseSlop, weights.BodyPhrase);
        _title = new FieldPhrase(SearchFields.Title, 0, positions.Count, weights.PhraseSlop, weights.TitlePhrase);
        _pairs = positions.Count >= 3 && weights.PairPhrase > 0
            ? Enumerable.Range(0, positions.Count - 1).Select(i => new FieldPhrase(SearchFields.Body, i, 2, 2, weights.PairPhrase)).ToArray()
            : [];
        foreach (var phrase in _pairs.Append(_body).Append(_title))
        {
            phrase.Weight = phrase.Boost * Idf(phrase.Field, phrase.First, phrase.Length);
        }
    }

    /// <summary>The proximity score of each document (global ids, any order).</summary>
    public float[] Score(IReadOnlyList<int> docs)
    {
        var scores = new float[docs.Count];
        var leaves = _searcher.IndexReader.Leaves;
        var body = new FieldPositions(this, SearchFields.Body);
        var title = new FieldPositions(this, SearchFields.Title);
        // Segment by segment, documents in increasing order: each term's postings are read forward once.
        foreach (var group in Enumerable.Range(0, docs.Count).GroupBy(i => ReaderUtil.SubIndex(docs[i], leaves)))
        {
            var leaf = leaves[group.Key];
            var members = group.OrderBy(i => docs[i]).ToArray();
            var local = members.Select(i => docs[i] - leaf.DocBase).ToArray();
            body.Load(leaf, local);
            title.Load(leaf, local);
            for (var d = 0; d < members.Length; d++)
            {
                var score = 0f;
                if (body.HasAll(d))
                {
                    score += body.Score(_body, d, local[d]);
                }
                foreach (var pair in _pairs)
                {
                    score += body.Score(pair, d, local[d]);
                }
                if (title.HasAll(d))
                {
                    score += title.Score(_title, d, local[d]);
                }
                scores[members[d]] = score;
            }
        }
        return scores;
    }

    /// <summary>BM25's idf of a phrase: the sum over every alternative term of its positions, as Lucene's phrase weights take it.</summary>
    private float Idf(string field, int first, int length)
    {
        var collection = _searcher.CollectionStatistics(field);
        var idf = 0.0;
        for (var p = first; p < first + length; p++)
        {
            foreach (var text in _query.Positions[p])
            {
                var term = new Term(field, text);
                var statistics = _searcher.TermStatistics(term, _terms.Context(term));
                idf += Math.Log(1 + (collection.MaxDoc - statistics.DocFreq + 0.5) / (statistics.DocFreq + 0.5));
            }
        }
        return (float)idf;
    }

    /// <summary>One phrase: a run of the query's positions in one field, with its slop and boost.</summary>
    private sealed class FieldPhrase(string field, int first, int length, int slop, float boost)
    {
        public string Field { get; } = field;
        public int First { get; } = first;
        public int Length { get; } = length;
        public int Slop { get; } = slop;
        public float Boost { get; } = boost;
        /// <summary>idf × boost, set once the statistics are known.</summary>
        public float Weight { get; set; }
    }

    /// <summary>
    /// The positions of every query position's terms in one field of a segment's candidate documents.
    /// Read term by term, each term's postings forward through the documents, through one reused
    /// positions enumerator: opening one per term copies the file handles each time.
    /// </summary>
    private sealed class FieldPositions
    {
        private readonly ProximityRescorer _owner;
        private readonly string _field;
        private readonly int _count;
        private readonly float _avgLength;
        private readonly List<List<int>[]> _positions = [];
        private DocsAndPositionsEnum? _reuse;
        private NumericDocValues? _norms;
        private float[] _lengthNorm = [];

        public FieldPositions(ProximityRescorer owner, string field)
        {
            _owner = owner;
            _field = field;
            _count = owner._query.Positions.Count;
            var collection = owner._searcher.CollectionStatistics(field);
            _avgLength = collection.SumTotalTermFreq <= 0 ? 1f : (float)(collection.SumTotalTermFreq / (double)collection.MaxDoc);
        }

        /// <summary>Reads the positions of every query term in these documents of the segment (local ids, increasing).</summary>
        public void Load(AtomicReaderContext leaf, int[] docs)
        {
            while (_positions.Count < docs.Length)
            {
                _positions.Add(Enumerable.Range(0, _count).Select(_ => new List<int>(8)).ToArray());
            }
            for (var d = 0; d < docs.Length; d++)
            {
                foreach (var list in _positions[d])
                {
                    list.Clear();
                }
            }
            var positions = _owner._query.Positions;
            for (var p = 0; p < _count; p++)
            {
                foreach (var text in positions[p])
                {
                    var postings = _owner._terms.Positions(new Term(_field, text), leaf, _reuse);
                    if (postings is null)
                    {
                        continue;
                    }
                    _reuse = postings;
                    for (var d = 0; d < docs.Length; d++)
                    {
                        var at = postings.DocID < docs[d] ? postings.Advance(docs[d]) : postings.DocID;
                        if (at == DocIdSetIterator.NO_MORE_DOCS)
                        {
                            break;
                        }
                        if (at != docs[d])
                        {
                            continue;
                        }
                        var list = _positions[d][p];
                        for (var k = postings.Freq; k > 0; k--)
                        {
                            list.Add(postings.NextPosition());
                        }
                    }
                }
                if (positions[p].Length > 1)
                {
                    for (var d = 0; d < docs.Length; d++)
                    {
                        _positions[d][p].Sort();
                    }
                }
            }
            _norms = leaf.AtomicReader.GetNormValues(_field);
            if (_lengthNorm.Length == 0)
            {
                var similarity = SearchIndex.Similarity;
                _lengthNorm = new float[256];
                for (var i = 0; i < 256; i++)
                {
                    _lengthNorm[i] = similarity.K1 * (1 - similarity.B + similarity.B * similarity.DocumentLength((byte)i) / _avgLength);
                }
            }
        }

        /// <summary>Whether the document (its index in the loaded documents) holds every query position.</summary>
        public bool HasAll(int d) => _positions[d].All(list => list.Count > 0);

        /// <summary>BM25 of the phrase's sloppy frequency in this document; 0 when it has no window within the slop.</summary>
        public float Score(FieldPhrase phrase, int d, int doc)
        {
            var frequency = SloppyFrequency(_positions[d], phrase.First, phrase.Length, phrase.Slop);
            if (frequency <= 0)
            {
                return 0;
            }
            var norm = _norms is null ? SearchIndex.Similarity.K1 : _lengthNorm[(byte)_norms.Get(doc)];
            return phrase.Weight * (SearchIndex.Similarity.K1 + 1) * frequency / (frequency + norm);
        }

        /// <summary>
        /// Σ 1 / (1 + window length) over the minimal windows in which the phrase's words stand in
        /// order, each displaced from its place in the phrase by at most <paramref name="slop"/> in all
        /// (the window length is the spread of position − place over the words). One text word never
        /// stands for two query words.
        /// </summary>
        private static float SloppyFrequency(List<int>[] positions, int first, int length, int slop)
        {
            Span<int> cursor = stackalloc int[length];
            for (var k = 0; k < length; k++)
            {
                if (positions[first + k].Count == 0)
                {
                    return 0;
                }
            }
            var frequency = 0f;
            while (true)
            {
                // The word whose displaced position is least, and the spread to the greatest.
                int min = int.MaxValue, max = int.MinValue, minWord = 0, second = int.MaxValue;
                for (var k = 0; k < length; k++)
                {
                    var value = positions[first + k][cursor[k]] - k;
                    if (value < min)
                    {
                        second = min;
                        (min, minWord) = (value, k);
                    }
                    else if (value < second)
                    {
                        second = value;
                    }
                    max = Math.Max(max, value);
                }
                // Move the least word as far right as it stays least: the tightest window it opens.
                var list = positions[first + minWord];
                while (cursor[minWord] + 1 < list.Count && list[cursor[minWord] + 1] - minWord <= second)
                {
                    cursor[minWord]++;
                }
                min = list[cursor[minWord]] - minWord;
                if (max - min <= slop && Distinct(positions, first, length, cursor))
                {
                    frequency += 1f / (1 + max - min);
                }
                if (++cursor[minWord] >= list.Count)
                {
                    return frequency;
                }
            }
        }

        private static bool Distinct(List<int>[] positions, int first, int length, ReadOnlySpan<int> cursor)
        {
            for (var a = 0; a < length; a++)
            {
                for (var b = a + 1; b < length; b++)
                {
                    if (positions[first + a][cursor[a]] == positions[first + b][cursor[b]])
                    {
                        return false;
                    }
                }
            }
            return true;
        }
    }
}
