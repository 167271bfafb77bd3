using System.Net;
using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Portal.Core.Search.Analysis;

namespace Portal.Core.Search.Querying;

/// <summary>
/// Marks the query's terms in a hit's title and picks the passages of its text where most of them
/// gather. Each word of the text gets the terms the portal's analysis gives it, so every form of a
/// query word is marked («учебников», «учебники» for «учебник»). Lucene's Highlighter does the same
/// matching but scores every token group and fragment through its query scorer, several times the
/// cost per hit; here a hit costs one scan of its stored passage and a walk over the matches.
/// </summary>
public sealed class HitHighlighter
{
    private const string Ellipsis = "…";
    private const string FragmentSeparator = " … ";
    private readonly HashSet<string> _bodyTerms;
    private readonly HashSet<string> _titleTerms;
    private readonly PortalAnalyzer _analyzer;
    private readonly Initials _bodyInitials;
    private readonly Initials _titleInitials;

    private HitHighlighter(HashSet<string> bodyTerms, HashSet<string> titleTerms, PortalAnalyzer analyzer)
    {
        _bodyTerms = bodyTerms;
        _titleTerms = titleTerms;
        _analyzer = analyzer;
        _bodyInitials = new Initials(InitialsOf(bodyTerms, analyzer.Morphology), bodyTerms);
        _titleInitials = new Initials(InitialsOf(titleTerms, analyzer.Morphology), titleTerms);
    }

    /// <summary>
    /// The letters a token must hold for one of its words to start a term (folded), and the same
    /// letters as a text may write them (both cases, ё for е): the scan jumps from one to the next.
    /// A query with numbers looks at every token: numbers are everywhere in a legal text.
    /// </summary>
    private sealed class Initials
    {
        public Initials(HashSet<char> folded, HashSet<string> terms)
        {
            _folded = folded;
            foreach (var c in folded)
            {
                if (c < _common.Length)
                {
                    _common[c] = true;
                }
            }
            Numbers = terms.Any(t => t.Any(char.IsDigit));
            var written = new HashSet<char>();
            foreach (var c in folded)
            {
                written.Add(c);
                written.Add(char.ToUpperInvariant(c));
                if (c == 'е')
                {
                    written.Add('ё');
                    written.Add('Ё');
                }
            }
            Written = System.Buffers.SearchValues.Create([.. written]);
        }

        private readonly HashSet<char> _folded;
        /// <summary>Latin and Russian letters answered by a table, the rest by the set.</summary>
        private readonly bool[] _common = new bool[0x500];

        public bool Contains(char folded) => folded < _common.Length ? _common[folded] : _folded.Contains(folded);

        public bool Numbers { get; }
        public System.Buffers.SearchValues<char> Written { get; }
    }

    /// <summary>
    /// The first letters a word must start with to have one of the terms: a term starts as its word
    /// does (the analysis only strips and swaps endings), except the irregular forms (люди → человек).
    /// A plain word with another first letter is passed over without a dictionary lookup.
    /// </summary>
    private static HashSet<char> InitialsOf(HashSet<string> terms, RussianMorphology morphology)
    {
        var initials = terms.Where(t => t.Length > 0).Select(t => t[0]).ToHashSet();
        foreach (var term in terms)
        {
            initials.UnionWith(morphology.IrregularInitials(term));
        }
        return initials;
    }

    /// <summary>A highlighter for the terms of the queries (advanced syntax is rewritten against the searcher first).</summary>
    public static HitHighlighter For(IEnumerable<Query> queries, IndexSearcher searcher, PortalAnalyzer analyzer)
    {
        var terms = new HashSet<Term>();
        foreach (var query in queries)
        {
            try
            {
                query.ExtractTerms(terms);
            }
            catch (NotSupportedException)
            {
                // Wildcards and ranges know their terms only after a rewrite against the index.
                try
                {
                    searcher.Rewrite(query).ExtractTerms(terms);
                }
                catch (Exception e) when (e is NotSupportedException or BooleanQuery.TooManyClausesException)
                {
                    // no marks for this part
                }
            }
        }
        // Function words inside a synonym phrase («исключение из фонда») are not marked on their own.
        var body = terms.Where(t => t.Field == SearchFields.Body && !StopWords.Contains(t.Text)).Select(t => t.Text).ToHashSet(StringComparer.Ordinal);
        var title = terms.Where(t => t.Field == SearchFields.Title && !StopWords.Contains(t.Text)).Select(t => t.Text).ToHashSet(StringComparer.Ordinal);
        // Numbers and requisites are searched in the exact fields; in a title they are marked too.
        foreach (var term in terms.Where(t => t.Field == SearchFields.TitleExact))
        {
            title.Add(term.Text);
        }
        return new HitHighlighter(body, title, analyzer);
    }

    /// <summary>The title with every matched word marked, HTML-encoded.</summary>
    public string Title(string title)
    {
        var matches = Matches(title, _titleTerms, _titleInitials);
        return matches.Count == 0 ? WebUtility.HtmlEncode(title) : Render(title, 0, title.Length, matches);
    }

    /// <summary>
    /// Up to two passages of about <paramref name="chars"/> characters: the one with the most distinct
    /// query words, and another if it holds words the first lacks; the beginning when nothing matched.
    /// </summary>
    public string Snippet(string text, int chars)
    {
        var matches = Matches(text, _bodyTerms, _bodyInitials);
        if (matches.Count == 0)
        {
            return WebUtility.HtmlEncode(text.Length > chars ? text[..WordEnd(text, chars)] + Ellipsis : text);
        }
        var ids = TermIds(matches);
        var first = BestWindow(text, matches, ids, chars, exclude: null, skipTerms: null)!.Value;
        var windows = new List<Window> { first };
        var covered = new bool[ids.Distinct];
        foreach (var (match, id) in matches.Zip(ids.Of))
        {
            if (match.Start >= first.Start && match.End <= first.End)
            {
                covered[id] = true;
            }
        }
        var second = BestWindow(text, matches, ids, chars, exclude: first, skipTerms: covered);
        if (second is { } extra)
        {
            windows.Add(extra);
        }
        var html = new StringBuilder();
        foreach (var window in windows.OrderBy(w => w.Start))
        {
            if (html.Length > 0)
            {
                html.Append(FragmentSeparator);
            }
            else if (window.Start > 0)
            {
                html.Append(Ellipsis);
            }
            html.Append(Render(text, window.Start, window.End, matches));
        }
        if (windows.Max(w => w.End) < text.Length)
        {
            html.Append(Ellipsis);
        }
        return html.ToString();
    }

    private readonly record struct Match(int Start, int End, string Term);

    private readonly record struct Window(int Start, int End);

    /// <summary>
    /// Matched spans in text order. A plain word (letters only, the common case) is folded in place
    /// and looked up in the morphology's cache, which gives the terms the analyzer would; anything
    /// else (numbers, compounds, stress marks) is normalised as the tokenizer does and expanded by
    /// the filter's own <see cref="PortalTokenFilter.TermsOf"/>. Token boundaries follow
    /// <see cref="PortalTokenizer"/>.
    /// </summary>
    private List<Match> Matches(string text, HashSet<string> terms, Initials initials)
    {
        if (terms.Count == 0 || text.Length == 0)
        {
            return [];
        }
        var matches = new List<Match>(64);
        Span<char> folded = stackalloc char[PortalTokenizer.MaxTokenLength];
        var i = 0;
        while (i < text.Length)
        {
            int start;
            if (initials.Numbers)
            {
                if (!IsLetterOrDigit(text[i]))
                {
                    i++;
                    continue;
                }
                start = i;
            }
            else
            {
                // Only a token holding one of the initials can match: jump to the next one (a vector
                // search) and back to the start of its token, instead of reading every word.
                var next = text.AsSpan(i).IndexOfAny(initials.Written);
                if (next < 0)
                {
                    break;
                }
                start = TokenStart(text, i + next, i);
            }
            i = TokenEnd(text, start, out var plain);
            var word = text.AsSpan(start, i - start);
            if (plain && !initials.Contains(TextNormalizer.FoldChar(word[0])))
            {
                continue;
            }
            if (plain && word.Length <= folded.Length)
            {
                for (var k = 0; k < word.Length; k++)
                {
                    folded[k] = TextNormalizer.FoldChar(word[k]);
                }
                var matched = PlainWordTerm(folded[..word.Length], terms);
                if (matched is not null)
                {
                    matches.Add(new Match(start, i, matched));
                }
            }
            else if (initials.Numbers || MayHold(word, initials))
            {
                // The token as the tokenizer and the filter make it (marks dropped, dashes unified,
                // folded), then its terms as indexing makes them. Legal texts are full of numbers
                // («статья 81», «1)», dates) and compounds: a query without numbers skips the numbers
                // unread, and a compound none of whose parts starts right.
                var length = IndexedToken(word, folded);
                var token = folded[..length];
                if (token.IndexOfAny(Separators) < 0)
                {
                    // A number («81», «2022») or a word with a stress mark: one term, as the filter gives it.
                    var matched = TextNormalizer.HasDigit(token) ? (terms.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(token, out var t) ? t : null)
                        : MatchedTerm(_analyzer.Morphology.Terms(token), terms);
                    if (matched is not null)
                    {
                        matches.Add(new Match(start, i, matched));
                    }
                    continue;
                }
                foreach (var (term, _) in PortalTokenFilter.TermsOf(token.ToString(), _analyzer.Morphology, AnalysisMode.Text))
                {
                    if (terms.Contains(term))
                    {
                        matches.Add(new Match(start, i, term));
                        break;
                    }
                }
            }
        }
        return matches;
    }

    /// <summary>
    /// The start of the token that holds <paramref name="at"/> (a letter), going back as the
    /// tokenizer goes forward (letters, digits, marks inside a word, joiners), never before
    /// <paramref name="floor"/>, where the last token ended.
    /// </summary>
    private static int TokenStart(string text, int at, int floor)
    {
        var start = at;
        while (start > floor && (IsLetterOrDigit(text[start - 1]) || PortalTokenizer.IsInWordMark(text[start - 1]) || PortalTokenizer.IsJoiner(text, start - 1)))
        {
            start--;
        }
        // A token starts with a letter or a digit, not with a mark.
        while (!IsLetterOrDigit(text[start]))
        {
            start++;
        }
        return start;
    }

    /// <summary>Where the token starting at <paramref name="start"/> ends; <paramref name="plain"/> when it is letters only.</summary>
    private static int TokenEnd(string text, int start, out bool plain)
    {
        plain = true;
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsLetter(c))
            {
                i++;
            }
            else if (char.IsDigit(c) || PortalTokenizer.IsInWordMark(c) || PortalTokenizer.IsJoiner(text, i))
            {
                plain = false;
                i++;
            }
            else
            {
                break;
            }
        }
        return i;
    }

    private static readonly System.Buffers.SearchValues<char> Separators = System.Buffers.SearchValues.Create("-./");

    /// <summary><see cref="char.IsLetter(char)"/> answered without the Unicode tables for Russian and ASCII letters, most of every text.</summary>
    private static bool IsLetter(char c) => c switch
    {
        >= 'а' and <= 'я' or >= 'А' and <= 'Я' or >= 'a' and <= 'z' or >= 'A' and <= 'Z' or 'ё' or 'Ё' => true,
        < '\u0080' => false,
        _ => char.IsLetter(c),
    };

    private static bool IsLetterOrDigit(char c) => IsLetter(c) || c is >= '0' and <= '9' || c >= '\u0080' && char.IsDigit(c);

    /// <summary>Whether a token with digits or joiners («78-ФЗ», «педагог-библиотекарь») has a part starting with one of the letters.</summary>
    private static bool MayHold(ReadOnlySpan<char> word, Initials initials)
    {
        var partStart = true;
        foreach (var c in word)
        {
            if (partStart && char.IsLetter(c) && initials.Contains(TextNormalizer.FoldChar(c)))
            {
                return true;
            }
            partStart = !char.IsLetterOrDigit(c);
        }
        return false;
    }

    /// <summary>Writes the token as the tokenizer keeps it (marks dropped, dashes unified, folded, cut at the longest token) and returns its length.</summary>
    private static int IndexedToken(ReadOnlySpan<char> word, Span<char> token)
    {
        var length = 0;
        foreach (var c in word)
        {
            if (!PortalTokenizer.IsInWordMark(c) && length < token.Length)
            {
                token[length++] = TextNormalizer.FoldChar(PortalTokenizer.JoinerAsWritten(c));
            }
        }
        return length;
    }

    /// <summary>
    /// The query term a plain folded word stands for, remembered for this highlighter: the ten
    /// passages of one page repeat their words («статья», «работник»), and one lookup here replaces
    /// the morphology's shared cache and the walk over the word's terms.
    /// </summary>
    private string? PlainWordTerm(ReadOnlySpan<char> word, HashSet<string> terms)
    {
        var seen = terms == _bodyTerms ? _bodyWords : _titleWords;
        var lookup = seen.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(word, out var known))
        {
            return known;
        }
        var matched = MatchedTerm(_analyzer.Morphology.Terms(word), terms);
        if (seen.Count < MaxWordsRemembered)
        {
            lookup[word] = matched;
        }
        return matched;
    }

    private const int MaxWordsRemembered = 4096;
    private readonly Dictionary<string, string?> _bodyWords = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _titleWords = new(StringComparer.Ordinal);

    private static string? MatchedTerm(string[] candidates, HashSet<string> terms)
    {
        foreach (var candidate in candidates)
        {
            if (terms.Contains(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>The matches' terms as small numbers (<see cref="TermIdentities.Of"/> parallel to the matches).</summary>
    private static TermIdentities TermIds(List<Match> matches)
    {
        var ids = new int[matches.Count];
        var known = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < matches.Count; i++)
        {
            if (!known.TryGetValue(matches[i].Term, out var id))
            {
                known[matches[i].Term] = id = known.Count;
            }
            ids[i] = id;
        }
        return new TermIdentities(ids, known.Count);
    }

    private readonly record struct TermIdentities(int[] Of, int Distinct);

    /// <summary>
    /// The window of about <paramref name="chars"/> characters, starting a little before a match, that
    /// holds the most distinct terms (then the most matches); null when no match lies outside
    /// <paramref name="exclude"/>. Matches of <paramref name="skipTerms"/> neither count nor start a
    /// window. One pass: the window's start and end only move forward, so the terms inside are kept
    /// as counts per term as it slides.
    /// </summary>
    private static Window? BestWindow(string text, List<Match> matches, TermIdentities ids, int chars, Window? exclude, bool[]? skipTerms)
    {
        var lead = chars / 5;
        Window? best = null;
        var bestDistinct = 0;
        var bestCount = 0;
        var inside = new int[ids.Distinct];
        var distinct = 0;
        var count = 0;
        var next = 0; // the first match not yet inside the window
        for (var i = 0; i < matches.Count; i++)
        {
            var start = Math.Max(0, matches[i].Start - lead);
            var end = Math.Min(text.Length, start + chars);
            for (; next < matches.Count && matches[next].End <= end; next++)
            {
                if (next >= i && Counts(next))
                {
                    distinct += inside[ids.Of[next]]++ == 0 ? 1 : 0;
                    count++;
                }
            }
            if (Counts(i) && next > i && !(exclude is { } other && start < other.End && end > other.Start)
                && (distinct > bestDistinct || distinct == bestDistinct && count > bestCount))
            {
                (bestDistinct, bestCount) = (distinct, count);
                best = new Window(WordStart(text, start, matches[i].Start), WordEnd(text, end));
            }
            if (i < next && Counts(i))
            {
                distinct -= --inside[ids.Of[i]] == 0 ? 1 : 0;
                count--;
            }
        }
        return best;

        bool Counts(int match) => skipTerms is null || !skipTerms[ids.Of[match]];
    }

    /// <summary>Moves a window's start back to the beginning of the word it cuts (never past the first match).</summary>
    private static int WordStart(string text, int start, int firstMatch)
    {
        if (start == 0)
        {
            return 0;
        }
        var i = start;
        while (i > 0 && i > start - 20 && !char.IsWhiteSpace(text[i - 1]))
        {
            i--;
        }
        if (i > 0 && !char.IsWhiteSpace(text[i - 1]))
        {
            // A run without spaces: cut forward to the next space instead, if it comes before the match.
            var next = text.IndexOf(' ', start, firstMatch - start);
            return next < 0 ? start : next + 1;
        }
        return i;
    }

    /// <summary>Moves a window's end back to the end of the last whole word.</summary>
    private static int WordEnd(string text, int end)
    {
        if (end >= text.Length)
        {
            return text.Length;
        }
        var space = text.LastIndexOf(' ', end, Math.Min(end, 30));
        return space > 0 ? space : end;
    }

    private static string Render(string text, int start, int end, List<Match> matches)
    {
        var html = new StringBuilder(end - start + 64);
        var cursor = start;
        foreach (var match in matches)
        {
            if (match.Start < cursor || match.End > end)
            {
                continue;
            }
            html.Append(WebUtility.HtmlEncode(text[cursor..match.Start]))
                .Append("<mark>").Append(WebUtility.HtmlEncode(text[match.Start..match.End])).Append("</mark>");
            cursor = match.End;
        }
        html.Append(WebUtility.HtmlEncode(text[cursor..end]));
        return html.ToString().Trim();
    }
}
