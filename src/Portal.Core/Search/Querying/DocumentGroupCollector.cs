using Lucene.Net.Index;
using Lucene.Net.Search;
using Portal.Core.Search.Indexing;

namespace Portal.Core.Search.Querying;

/// <summary>
/// Collects items instead of index documents: the passages of a long text and its main document
/// (one block, main document last) become one hit, the main document, scored by the best of them.
/// Blocks are contiguous and documents arrive in order, so a block is complete when a document
/// of the next block arrives; the inner collectors (top hits, facets) then see each item once.
/// </summary>
public sealed class DocumentGroupCollector(ICollector inner) : ICollector
{
    private readonly GroupScorer _scorer = new();
    private readonly Dictionary<int, int> _bestPassage = [];
    private int[] _offsets = [];
    private Scorer? _source;
    private int _docBase;
    private int _main = -1;
    private float _score;
    private int _best = -1;

    /// <summary>Items collected (the total hit count).</summary>
    public int TotalItems { get; private set; }

    /// <summary>Blocks must arrive in order: the grouping relies on it.</summary>
    public bool AcceptsDocsOutOfOrder => false;

    /// <summary>The document that gave an item its score (a passage, or the main document itself).</summary>
    public int ScoringDocument(int main) => _bestPassage.GetValueOrDefault(main, main);

    public void SetScorer(Scorer scorer)
    {
        _source = scorer;
        inner.SetScorer(_scorer);
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        _docBase = context.DocBase;
        _offsets = SegmentValues.Of(context.AtomicReader).MainOffsets(context.AtomicReader);
        inner.SetNextReader(context);
    }

    public void Collect(int doc)
    {
        var main = doc + _offsets[doc];
        var score = _source!.GetScore();
        if (main != _main)
        {
            Flush();
            (_main, _score, _best) = (main, score, doc);
        }
        else if (score > _score)
        {
            (_score, _best) = (score, doc);
        }
    }

    /// <summary>Hands the finished item to the inner collectors; call once more after the search.</summary>
    public void Flush()
    {
        if (_main < 0)
        {
            return;
        }
        _scorer.Set(_main, _score);
        inner.Collect(_main);
        TotalItems++;
        if (_best != _main)
        {
            _bestPassage[_docBase + _main] = _docBase + _best;
        }
        _main = -1;
    }

    /// <summary>Presents an item's score to the inner collectors.</summary>
    private sealed class GroupScorer() : Scorer(null)
    {
        private int _doc = -1;
        private float _score;

        public void Set(int doc, float score) => (_doc, _score) = (doc, score);

        public override float GetScore() => _score;

        public override int Freq => 1;

        public override int DocID => _doc;

        public override int NextDoc() => throw new NotSupportedException();

        public override int Advance(int target) => throw new NotSupportedException();

        public override long GetCost() => 1;
    }
}
