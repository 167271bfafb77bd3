using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Portal.Core.Search.Analysis;

/// <summary>How a field's tokens become terms.</summary>
public enum AnalysisMode
{
    /// <summary>Morphology (lemma → stem), compounds whole and as parts. Stop words stay in the index (phrases keep their positions); queries drop them.</summary>
    Text,
    /// <summary>Exact tokens, only folded: requisites («1077», «78-фз», «2.4.3648-20», «08.10.2012» and its year).</summary>
    Exact,
}

/// <summary>
/// Case and ё folding, then per mode: dictionary morphology, or exact tokens.
/// Compounds: the whole («педагог-библиотекар») is stacked on the first part, the parts follow at
/// their own positions, so both «педагог-библиотекарь» and «библиотекарь» find the text.
/// </summary>
public sealed class PortalTokenFilter : TokenFilter
{
    private readonly RussianMorphology _morphology;
    private readonly AnalysisMode _mode;
    private readonly ICharTermAttribute _term;
    private readonly IPositionIncrementAttribute _position;
    private readonly IOffsetAttribute _offset;
    private readonly Queue<(string Term, int Increment)> _pending = new();
    private int _start;
    private int _end;
    private int _skipped;

    public PortalTokenFilter(TokenStream input, RussianMorphology morphology, AnalysisMode mode) : base(input)
    {
        _morphology = morphology;
        _mode = mode;
        _term = AddAttribute<ICharTermAttribute>();
        _position = AddAttribute<IPositionIncrementAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
    }

    public override bool IncrementToken()
    {
        while (_pending.Count == 0)
        {
            if (!m_input.IncrementToken())
            {
                return false;
            }
            _start = _offset.StartOffset;
            _end = _offset.EndOffset;
            var increment = _position.PositionIncrement + _skipped;
            _skipped = 0;
            var token = _term.Buffer.AsSpan(0, _term.Length);
            for (var i = 0; i < token.Length; i++)
            {
                token[i] = TextNormalizer.FoldChar(token[i]);
            }
            if (_mode == AnalysisMode.Text && token.IndexOfAny(Separators) < 0 && !TextNormalizer.HasDigit(token))
            {
                // The common case, a plain word: its terms straight from the morphology's cache, no string.
                var terms = _morphology.Terms(token);
                for (var i = 0; i < terms.Length; i++)
                {
                    _pending.Enqueue((terms[i], i == 0 ? increment : 0));
                }
            }
            else
            {
                Expand(token.ToString(), increment);
            }
            if (_pending.Count == 0)
            {
                _skipped = increment;
            }
        }
        var (term, inc) = _pending.Dequeue();
        ClearAttributes();
        _term.SetEmpty().Append(term);
        _position.PositionIncrement = inc;
        _offset.SetOffset(_start, _end);
        return true;
    }

    private void Expand(string token, int increment)
    {
        foreach (var (term, positionOffset) in TermsOf(token, _morphology, _mode))
        {
            _pending.Enqueue((term, _pending.Count == 0 ? increment : positionOffset));
        }
    }

    /// <summary>
    /// Terms of one folded token with their position increments relative to the previous term
    /// (the first one's increment is decided by the caller). Shared by indexing and query building.
    /// </summary>
    public static List<(string Term, int Increment)> TermsOf(string token, RussianMorphology morphology, AnalysisMode mode)
    {
        var result = new List<(string, int)>(2);
        var parts = token.Split(PartSeparators, StringSplitOptions.RemoveEmptyEntries);
        var hasDigit = TextNormalizer.HasDigit(token);
        if (mode == AnalysisMode.Exact)
        {
            result.Add((token, 1));
            if (RequisiteTokens.YearOfDate(token) is { } year)
            {
                result.Add((year, 0));
            }
            if (token.Contains('-') && hasDigit)
            {
                foreach (var part in parts)
                {
                    result.Add((part, 0));
                }
            }
            return result;
        }
        if (parts.Length <= 1)
        {
            if (hasDigit)
            {
                result.Add((token, 1));
            }
            else
            {
                AddAll(result, morphology.Terms(token), 1);
            }
            return result;
        }
        if (hasDigit)
        {
            // «78-фз», «2.4.3648-20», «08.10.2012»: the whole is what people search for; the parts of a
            // hyphenated number («78», «фз») follow so that «78 ФЗ» typed apart still meets it.
            result.Add((token, 1));
            if (token.Contains('-'))
            {
                var first = true;
                foreach (var part in token.Split('-', StringSplitOptions.RemoveEmptyEntries))
                {
                    result.Add((part, first ? 0 : 1));
                    first = false;
                }
            }
            return result;
        }
        var wholeTerms = parts.Select(p => morphology.Terms(p)[0]);
        result.Add((string.Join('-', wholeTerms), 1));
        var position = 0;
        foreach (var part in parts)
        {
            AddAll(result, morphology.Terms(part), position == 0 ? 0 : position);
            position = 1;
        }
        return result;
    }

    private static readonly char[] PartSeparators = ['-', '.', '/'];

    private static readonly System.Buffers.SearchValues<char> Separators = System.Buffers.SearchValues.Create("-./");

    private static void AddAll(List<(string, int)> result, string[] terms, int increment)
    {
        for (var i = 0; i < terms.Length; i++)
        {
            result.Add((terms[i], i == 0 ? increment : 0));
        }
    }

    public override void Reset()
    {
        base.Reset();
        _pending.Clear();
        _skipped = 0;
    }
}
