using System.Text;
using System.Text.RegularExpressions;
using Portal.Core.Search.Analysis;

namespace Portal.Core.Search.Querying;

/// <summary>
/// What a typed string means to the search: its content words (each position a set of alternative
/// terms), requisites (numbers, dates, article references), and the cleaned text. Any string is
/// valid: control characters are dropped, the length is capped, syntax characters are plain text.
/// </summary>
public sealed partial class UserQuery
{
    /// <summary>Longer input (a pasted page) is cut: the first words carry the need.</summary>
    public const int MaxLength = 1000;
    private const int MaxPositions = 32;
    /// <summary>Numbers and requisites searched of one query (a pasted table of numbers is not a query of hundreds).</summary>
    private const int MaxExactTokens = 16;
    private const int MaxArticles = 8;

    public required string Text { get; init; }
    /// <summary>Content positions (stop words removed), each the alternative terms of one word.</summary>
    public required IReadOnlyList<string[]> Positions { get; init; }
    /// <summary>The surface words behind <see cref="Positions"/>, folded.</summary>
    public required IReadOnlyList<string> Words { get; init; }
    /// <summary>Exact tokens: «1077», «78-фз», «2.4.3648-20», «08.10.2012», «2022».</summary>
    public required IReadOnlyList<string> ExactTokens { get; init; }
    /// <summary>Article numbers the query names («ст. 81» → 81).</summary>
    public required IReadOnlyList<string> Articles { get; init; }

    public bool IsEmpty => Positions.Count == 0 && ExactTokens.Count == 0;

    public static string Clean(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return "";
        }
        var sb = new StringBuilder(Math.Min(raw.Length, MaxLength));
        foreach (var c in raw)
        {
            if (sb.Length >= MaxLength)
            {
                break;
            }
            if (char.IsControl(c) || char.IsSurrogate(c) || c == '\uFFFD')
            {
                sb.Append(' ');
            }
            else
            {
                sb.Append(c);
            }
        }
        return MultiSpace().Replace(sb.ToString(), " ").Trim();
    }

    public static UserQuery Parse(string? raw, PortalAnalyzer analyzer)
    {
        var text = Clean(raw);
        var positions = new List<string[]>();
        var words = new List<string>();
        var exact = new List<string>();
        var articles = new List<string>();
        foreach (Match m in ArticleReference().Matches(text))
        {
            if (articles.Count < MaxArticles && !articles.Contains(m.Groups[1].Value))
            {
                articles.Add(m.Groups[1].Value);
            }
        }
        using var stream = analyzer.GetTokenStream(SearchFields.Exact, text);
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        var increment = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.IPositionIncrementAttribute>();
        var tokens = new List<string>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            if (increment.PositionIncrement > 0)
            {
                tokens.Add(term.ToString());
            }
        }
        stream.End();
        foreach (var token in tokens)
        {
            if (TextNormalizer.HasDigit(token))
            {
                if (exact.Count < MaxExactTokens && !exact.Contains(token))
                {
                    exact.Add(token);
                }
                continue;
            }
            if (StopWords.Contains(token) || IsCompoundOfStopWords(token) || positions.Count >= MaxPositions
                || articles.Count > 0 && ArticleWords.Contains(token))
            {
                // «ст.»/«статья» of an article reference live in Articles, not among the words.
                continue;
            }
            var terms = PortalTokenFilter.TermsOf(token, analyzer.Morphology, AnalysisMode.Text);
            // A compound's whole term stands with its first part; later parts are positions of their own.
            var current = new List<string>();
            foreach (var (t, inc) in terms)
            {
                if (inc > 0 && current.Count > 0)
                {
                    positions.Add([.. current]);
                    words.Add(token);
                    current = [];
                }
                current.Add(t);
            }
            if (current.Count > 0)
            {
                positions.Add([.. current]);
                words.Add(token);
            }
        }
        return new UserQuery { Text = text, Positions = positions, Words = words, ExactTokens = exact, Articles = articles };
    }

    private static readonly HashSet<string> ArticleWords = new(StringComparer.Ordinal)
    {
        "ст", "статья", "статьи", "статье", "статью", "статьей", "статьям", "статьях", "статей",
    };

    /// <summary>«из-за», «из-под», «что-то»: function words joined by a hyphen are function words too.</summary>
    private static bool IsCompoundOfStopWords(string token) =>
        token.Contains('-') && token.Split('-', StringSplitOptions.RemoveEmptyEntries).All(StopWords.Contains);

    [GeneratedRegex(@"\s+")]
    private static partial Regex MultiSpace();

    [GeneratedRegex(@"(?:^|[\s(])(?:ст|стат(?:ья|ьи|ье|ью|ей|ьям|ьях))\.?\s*(\d+(?:\.\d+)?)", RegexOptions.IgnoreCase)]
    private static partial Regex ArticleReference();
}
