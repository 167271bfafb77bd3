using Lucene.Net.Analysis;

namespace Portal.Core.Search.Analysis;

/// <summary>
/// The portal's one analyzer, used for indexing and for query text alike (by the web app and by the
/// evaluation tool): <see cref="PortalTokenizer"/> then <see cref="PortalTokenFilter"/> in the mode of the field.
/// </summary>
public sealed class PortalAnalyzer(RussianMorphology morphology) : Analyzer(PER_FIELD_REUSE_STRATEGY)
{
    public RussianMorphology Morphology { get; } = morphology;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new PortalTokenizer(reader);
        var mode = SearchFields.IsExact(fieldName) ? AnalysisMode.Exact : AnalysisMode.Text;
        return new TokenStreamComponents(tokenizer, new PortalTokenFilter(tokenizer, Morphology, mode));
    }

    /// <summary>The terms of a text, in order, for one field (tests, the analyze command, query building).</summary>
    public IReadOnlyList<AnalyzedTerm> Analyze(string fieldName, string text)
    {
        var result = new List<AnalyzedTerm>();
        using var stream = GetTokenStream(fieldName, text);
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        var position = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.IPositionIncrementAttribute>();
        var offset = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.IOffsetAttribute>();
        stream.Reset();
        var pos = -1;
        while (stream.IncrementToken())
        {
            pos += position.PositionIncrement;
            result.Add(new AnalyzedTerm(term.ToString(), pos, offset.StartOffset, offset.EndOffset));
        }
        stream.End();
        return result;
    }
}

/// <summary>One term produced by analysis: its text, position, and offsets in the source text.</summary>
public readonly record struct AnalyzedTerm(string Term, int Position, int Start, int End);
