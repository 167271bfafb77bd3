using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Lucene.Net.Util.Automaton;
using Portal.Core.Search.Analysis;

namespace Portal.Core.Search.Querying;

/// <summary>
/// The advanced syntax («"точная фраза"», AND, OR, NOT, +, -, *, ?, ~, ranges, fields) with a
/// bounded cost: wildcards, prefixes and ranges expand through <see cref="TermExpander"/>, fuzzy
/// terms to at most <see cref="SearchBudget.MaxExpansions"/> terms within two edits, regular
/// expressions and leading wildcards are refused, and so are fields other than the text fields.
/// A refusal is a <see cref="ParseException"/> whose message the user reads (in Russian).
/// </summary>
internal sealed class AdvancedQueryParser : MultiFieldQueryParser
{
    /// <summary>Deeper nesting of parentheses is refused before parsing (the parser recurses per level).</summary>
    public const int MaxNesting = 16;
    private const int MaxFuzzyTermLength = 40;

    private static readonly string[] TextFields = [SearchFields.Title, SearchFields.Headings, SearchFields.Body, SearchFields.Requisites];

    /// <summary>Fields a user may name, in English or Russian.</summary>
    private static readonly Dictionary<string, string> FieldNames = new(StringComparer.OrdinalIgnoreCase)
    {
        [SearchFields.Title] = SearchFields.Title,
        ["заголовок"] = SearchFields.Title,
        ["название"] = SearchFields.Title,
        [SearchFields.Headings] = SearchFields.Headings,
        ["разделы"] = SearchFields.Headings,
        [SearchFields.Body] = SearchFields.Body,
        ["текст"] = SearchFields.Body,
        [SearchFields.Requisites] = SearchFields.Requisites,
        ["реквизиты"] = SearchFields.Requisites,
    };

    private readonly TermExpander _expander;

    public AdvancedQueryParser(PortalAnalyzer analyzer, TermExpander expander)
        : base(LuceneVersion.LUCENE_48, TextFields, analyzer,
            new Dictionary<string, float> { [SearchFields.Title] = 3f, [SearchFields.Requisites] = 2f, [SearchFields.Headings] = 1.5f, [SearchFields.Body] = 1f })
    {
        _expander = expander;
        DefaultOperator = Operator.AND;
        AllowLeadingWildcard = false;
    }

    /// <summary>The Russian message of a refusal in this parser, wherever the parser wrapped it; null for a plain syntax error.</summary>
    public static string? Refusal(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is ParseException { Message.Length: > 0 } parse && TextNormalizer.IsCyrillic(parse.Message[0]))
            {
                return parse.Message;
            }
        }
        return null;
    }

    /// <summary>The query, or a <see cref="ParseException"/> with a Russian message for the user.</summary>
    public Query ParseBounded(string text)
    {
        var depth = 0;
        foreach (var c in text)
        {
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth > MaxNesting)
            {
                throw new ParseException($"Слишком глубокая вложенность скобок (больше {MaxNesting}).");
            }
        }
        return Parse(text);
    }

    protected override Query GetFieldQuery(string field, string queryText, bool quoted) =>
        base.GetFieldQuery(Known(field), queryText, quoted);

    protected override Query GetFieldQuery(string field, string queryText, int slop) =>
        base.GetFieldQuery(Known(field), queryText, slop);

    protected override Query GetRegexpQuery(string field, string termStr) =>
        throw new ParseException("Регулярные выражения («/…/») в запросе не поддерживаются.");

    protected override Query GetWildcardQuery(string field, string termStr)
    {
        if (field is null)
        {
            return base.GetWildcardQuery(field!, termStr);
        }
        var known = Known(field);
        if (termStr.Length > 0 && termStr[0] is '*' or '?')
        {
            throw new ParseException("Запрос не может начинаться с «*» или «?»: укажите хотя бы первую букву.");
        }
        if (termStr.Length > TermExpander.MaxPatternLength)
        {
            throw new ParseException("Слишком длинное слово с «*» или «?».");
        }
        return _expander.Wildcard(known, termStr);
    }

    protected override Query GetPrefixQuery(string field, string termStr) =>
        field is null ? base.GetPrefixQuery(field!, termStr) : GetWildcardQuery(field, termStr + "*");

    protected override Query GetRangeQuery(string field, string part1, string part2, bool startInclusive, bool endInclusive)
    {
        if (field is null)
        {
            return base.GetRangeQuery(field!, part1, part2, startInclusive, endInclusive);
        }
        if (part1?.Length > TermExpander.MaxPatternLength || part2?.Length > TermExpander.MaxPatternLength)
        {
            throw new ParseException("Слишком длинная граница диапазона.");
        }
        return _expander.Range(Known(field), part1 == "*" ? null : part1, part2 == "*" ? null : part2, startInclusive, endInclusive);
    }

    protected override Query GetFuzzyQuery(string field, string termStr, float minSimilarity)
    {
        if (field is null)
        {
            return base.GetFuzzyQuery(field!, termStr, minSimilarity);
        }
        if (termStr.Length > MaxFuzzyTermLength)
        {
            throw new ParseException("Слишком длинное слово с «~».");
        }
        // A word's stem, as the index holds it: «учебнеков~» looks for «учебнек» and finds «учебник».
        var folded = TextNormalizer.Fold(termStr);
        var term = SearchFields.IsExact(Known(field)) || !folded.All(char.IsLetter) ? folded : ((PortalAnalyzer)Analyzer).Morphology.Terms(folded)[0];
        // «слово~0.8» (a similarity, the old syntax) is taken as one edit, «слово~» and «слово~2» as two.
        var edits = minSimilarity >= 1 ? (int)minSimilarity : minSimilarity >= 0.5f ? 1 : 2;
        // The first letter is kept: the terms dictionary is read from it instead of from the start.
        return new FuzzyQuery(new Term(Known(field), term), Math.Clamp(edits, 0, LevenshteinAutomata.MAXIMUM_SUPPORTED_DISTANCE), prefixLength: 1,
            maxExpansions: _expander.MaxExpansions, transpositions: true);
    }

    private static string Known(string field) =>
        field is null ? null! : FieldNames.TryGetValue(field, out var known) ? known
            : throw new ParseException($"Поле «{field}» не поддерживается: можно искать в полях заголовок, текст, разделы, реквизиты.");
}
