using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Portal.Core.Search.Analysis;
using Portal.Core.Search.Indexing;

namespace Portal.Core.Search.Querying;

/// <summary>
/// The portal's search over the single index: query understanding (layout correction, requisites,
/// synonyms), ranking, facets, highlighting, spelling and autocomplete. The web pages, the JSON API
/// and the evaluation tool all call this one class.
/// </summary>
public sealed class SearchEngine(SearchIndex index, Func<SynonymDictionary> synonyms, RankingWeights? weights = null, SearchOptions? options = null) : IContentSearch
{
    public static readonly IReadOnlyList<string> FacetFields = [SearchFields.Kind, SearchFields.DocType, SearchFields.Issuer, SearchFields.Status, SearchFields.Year];
    private const int SnippetChars = 220;
    private const int FacetValuesShown = 12;
    private readonly SearchQueryBuilder _builder = new(weights ?? new RankingWeights());
    private readonly SearchOptions _options = options ?? new SearchOptions();
    private readonly object _vocabularyLock = new();
    private SearchVocabulary _vocabulary = SearchVocabulary.Empty;
    private IndexReader? _vocabularyReader;
    private Task? _vocabularyBuild;

    public SearchIndex Index { get; } = index;

    /// <summary>Rebuilding while a new index is written beside the live one (searches see the live one).</summary>
    public IndexState State => Index.IsRebuilding || Index.NeedsRebuild ? IndexState.Rebuilding : IndexState.Ready;

    private PortalAnalyzer Analyzer => Index.Analyzer;

    /// <summary>
    /// One search as the user asked it. Never throws for any input; runs under the time budget of
    /// <see cref="SearchOptions"/> (and stops sooner when <paramref name="cancellationToken"/> fires:
    /// the client went away or the portal is stopping), returning what it found by then, marked
    /// <see cref="SearchResults.Partial"/>.
    /// </summary>
    public SearchResults Search(SearchRequest request, CancellationToken cancellationToken = default)
    {
        var budget = new SearchBudget(_options, cancellationToken);
        if (!request.Advanced)
        {
            return SearchCore(request, budget);
        }
        try
        {
            return SearchCore(request, budget);
        }
        catch (Exception e) when (e is BooleanQuery.TooManyClausesException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            // Lucene syntax that parses but cannot run (too many clauses): search the words.
            return SearchCore(request with { Advanced = false }, new SearchBudget(_options, cancellationToken))
                with { SyntaxNotice = "Запрос не удалось выполнить как расширенный: искали по словам." };
        }
    }

    private SearchResults SearchCore(SearchRequest request, SearchBudget budget)
    {
        var watch = Stopwatch.StartNew();
        var text = UserQuery.Clean(request.Query);
        if (text.Length == 0)
        {
            return SearchResults.Empty("", State);
        }
        using var lease = Index.Lease();
        var searcher = lease.Searcher;
        string? correctedFrom = null;
        if (!request.NoCorrection && !request.Advanced && KeyboardLayout.LooksLatinOnly(text) && KeyboardLayout.LatinToCyrillic(text) is { } converted
            && KnownWords(searcher, converted) > KnownWords(searcher, text))
        {
            correctedFrom = text;
            text = converted;
        }
        var understood = UserQuery.Parse(text, Analyzer);
        string? syntaxNotice = null;
        RankedQuery? query = null;
        if (request.Advanced)
        {
            var (parsed, refusal) = ParseAdvanced(text, searcher, budget);
            query = parsed is null ? null : new RankedQuery(parsed, null);
            syntaxNotice = refusal is null ? null : refusal + " Искали по словам.";
        }
        query ??= understood.IsEmpty ? null : _builder.Build(understood, synonyms(), Analyzer, searcher.IndexReader);
        if (query is null)
        {
            return SearchResults.Empty(text, State) with { CorrectedFrom = correctedFrom, SyntaxNotice = syntaxNotice };
        }
        var filtered = ApplyFilters(query.Match, request);
        var pageSize = Math.Clamp(request.PageSize, 1, 50);
        var page = Math.Clamp(request.Page, 1, SearchRequest.MaxPage);
        var proximity = request.Sort == SearchSort.Relevance ? query.Proximity : null;
        var depth = proximity is null ? page * pageSize : Math.Max(page * pageSize, _builder.Weights.RescoreDepth);
        var sort = request.Sort == SearchSort.Date
            ? new Sort(new SortField(SearchFields.Date, SortFieldType.INT64, reverse: true), SortField.FIELD_SCORE)
            : new Sort(SortField.FIELD_SCORE, new SortField(SearchFields.Date, SortFieldType.INT64, reverse: true));
        var top = TopFieldCollector.Create(sort, depth, null, fillFields: true, trackDocScores: true, trackMaxScore: false, docsScoredInOrder: true);
        FacetCollector? facets = request.Facets ? new FacetCollector(FacetFields) : null;
        var items = new DocumentGroupCollector(facets is null ? top : MultiCollector.Wrap(top, facets));
        try
        {
            searcher.Search(filtered, new BudgetCollector(items, budget));
        }
        catch (BudgetExceededException)
        {
            // Out of time: the matches collected so far are the result.
        }
        items.Flush();
        var total = items.TotalItems;
        var ranked = top.GetTopDocs().ScoreDocs;
        if (proximity is not null)
        {
            ranked = AddProximity(new ProximityRescorer(proximity, searcher, query.Terms ?? new TermLookup(searcher.IndexReader)), ranked, items.ScoringDocument);
        }
        var shown = ranked.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        var hits = new List<SearchHit>(shown.Count);
        var highlighter = request.Highlight ? HitHighlighter.For([query.Match], searcher, Analyzer) : null;
        foreach (var scoreDoc in shown)
        {
            // A long text shows, and links to, the passage that matched best, not its beginning.
            var scoring = items.ScoringDocument(scoreDoc.Doc);
            var fromPassage = scoring != scoreDoc.Doc;
            var display = LuceneDocuments.ReadDisplay(searcher.IndexReader, scoreDoc.Doc, snippetDoc: highlighter is not null || fromPassage ? scoring : null);
            hits.Add(ToHit(display, scoreDoc.Score, highlighter, fromPassage));
        }
        string? didYouMean = null;
        if (total < 3 && correctedFrom is null && !request.Advanced)
        {
            didYouMean = SpellingSuggestion(searcher, understood);
        }
        return new SearchResults
        {
            Query = text,
            CorrectedFrom = correctedFrom,
            DidYouMean = didYouMean,
            Total = total,
            Page = page,
            PageSize = pageSize,
            Hits = hits,
            Facets = facets?.Result(FacetValuesShown) ?? new Dictionary<string, IReadOnlyList<FacetValue>>(),
            IndexState = State,
            SyntaxNotice = syntaxNotice,
            Partial = budget.Exhausted,
            ElapsedMs = watch.Elapsed.TotalMilliseconds,
        };
    }

    /// <summary>
    /// Adds the proximity score to the best matches and orders them again; equal scores keep their
    /// first order, which put the newer document first. An item is rescored on the document that
    /// gave it its score (for a long text, its best passage).
    /// </summary>
    private static ScoreDoc[] AddProximity(ProximityRescorer rescorer, ScoreDoc[] best, Func<int, int> scoringDocument)
    {
        if (best.Length == 0)
        {
            return best;
        }
        var added = rescorer.Score(best.Select(h => scoringDocument(h.Doc)).ToArray());
        for (var i = 0; i < best.Length; i++)
        {
            best[i].Score += added[i];
        }
        // A stable sort: equal scores keep their first order, which put the newer document first.
        return best.Select((hit, rank) => (hit, rank)).OrderByDescending(p => p.hit.Score).ThenBy(p => p.rank).Select(p => p.hit).ToArray();
    }

    /// <summary>Document ids (kind, key) of the top hits only: the evaluation's view of a ranking.</summary>
    public IReadOnlyList<string> RankKeys(string query, int max)
    {
        var results = Search(new SearchRequest { Query = query, PageSize = max, Highlight = false, Facets = false });
        return results.Hits.Select(h => h.Key).ToList();
    }

    public Task<IReadOnlyList<ContentSearchHit>> SearchKindAsync(string query, string kind, int maxHits, CancellationToken cancellationToken)
    {
        var results = Search(new SearchRequest { Query = query, Kind = kind, PageSize = Math.Clamp(maxHits, 1, 50), Facets = false });
        IReadOnlyList<ContentSearchHit> hits = results.Hits.Select(h => new ContentSearchHit(h.Kind, h.Key, h.Score, h.SnippetHtml)).ToList();
        return Task.FromResult(hits);
    }

    /// <summary>The advanced syntax as a bounded query, or why it cannot be searched as such (in Russian).</summary>
    private (Query? Query, string? Refusal) ParseAdvanced(string text, IndexSearcher searcher, SearchBudget budget)
    {
        var parser = new AdvancedQueryParser(Analyzer, new TermExpander(searcher.IndexReader, Analyzer, Vocabulary(searcher), budget));
        try
        {
            return (parser.ParseBounded(text), null);
        }
        catch (Exception e) when (e is ParseException or BooleanQuery.TooManyClausesException or ArgumentException)
        {
            return (null, AdvancedQueryParser.Refusal(e) ?? "Запрос не удалось разобрать как расширенный.");
        }
    }

    private static Query ApplyFilters(Query query, SearchRequest request)
    {
        var filters = new BooleanQuery();
        void Add(string field, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                filters.Add(new TermQuery(new Term(field, value)), Occur.MUST);
            }
        }
        Add(SearchFields.Kind, request.Kind);
        Add(SearchFields.DocType, request.DocType);
        Add(SearchFields.Issuer, request.Issuer);
        Add(SearchFields.Status, request.Status);
        Add(SearchFields.Year, request.Year);
        return filters.Clauses.Count == 0 ? query : new FilteredQuery(query, new QueryWrapperFilter(filters));
    }

    private static SearchHit ToHit(DisplayValues shown, float score, HitHighlighter? highlighter, bool fromPassage) => new()
    {
        Kind = shown.Kind,
        Key = shown.Key,
        Title = shown.Title,
        Url = fromPassage ? PassageLink(shown.Url, shown.SnippetSource) : shown.Url,
        TitleHtml = highlighter?.Title(shown.Title),
        SnippetHtml = highlighter?.Snippet(shown.SnippetSource, SnippetChars),
        Requisites = shown.Requisites,
        DocType = shown.DocType,
        Issuer = shown.Issuer,
        Status = shown.Status,
        Date = shown.Date,
        Score = score,
    };

    /// <summary>
    /// A link that opens a long text at its matching passage: a text fragment (scroll-to-text in
    /// Chromium browsers; others open the text at its top) of the passage's first line, followed by
    /// the first words of the next one, so that the article itself is found, not its line in the
    /// table of contents.
    /// </summary>
    public static string PassageLink(string url, string passage)
    {
        var lines = FirstLines(passage, 2);
        if (lines.Count == 0)
        {
            return url;
        }
        // The whole line, not a range of its first and last words: a range may start in the table of
        // contents and end in the text. Only an overlong line (not a heading) is cut to a range.
        var words = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var link = url + "#:~:text=" + (lines[0].Length <= 300 || words.Length < 7
            ? FragmentText(lines[0])
            : FragmentText(string.Join(' ', words[..4])) + "," + FragmentText(string.Join(' ', words[^3..])));
        if (lines.Count > 1)
        {
            var next = string.Join(' ', lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(4));
            link += ",-" + FragmentText(next);
        }
        return link;
    }

    /// <summary>The first non-blank lines, trimmed, without splitting the whole passage.</summary>
    private static List<string> FirstLines(string text, int count)
    {
        var lines = new List<string>(count);
        var start = 0;
        while (lines.Count < count && start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }
            var line = text.AsSpan(start, end - start).Trim();
            if (!line.IsEmpty)
            {
                lines.Add(line.ToString());
            }
            start = end + 1;
        }
        return lines;
    }

    /// <summary>In a text fragment «-», «,» and «&amp;» are syntax: escaped as the rest.</summary>
    private static string FragmentText(string text) =>
        Uri.EscapeDataString(text).Replace("-", "%2D", StringComparison.Ordinal);

    /// <summary>How many words of a text the index knows (decides a keyboard-layout correction).</summary>
    private int KnownWords(IndexSearcher searcher, string text)
    {
        var known = 0;
        foreach (var term in Analyzer.Analyze(SearchFields.Body, text))
        {
            if (term.Term.Length > 1 && searcher.IndexReader.DocFreq(new Term(SearchFields.Body, term.Term)) > 0)
            {
                known++;
            }
        }
        return known;
    }

    private string? SpellingSuggestion(IndexSearcher searcher, UserQuery query)
    {
        var vocabulary = Vocabulary(searcher);
        var changed = false;
        var words = query.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        for (var i = 0; i < words.Count; i++)
        {
            var folded = TextNormalizer.Fold(words[i].Trim(',', '.', '!', '?', ';', ':', '"', '«', '»', '(', ')'));
            if (folded.Length < 4 || !folded.All(TextNormalizer.IsCyrillic) || StopWords.Contains(folded))
            {
                continue;
            }
            var terms = Analyzer.Morphology.Terms(folded);
            if (terms.Any(t => searcher.IndexReader.DocFreq(new Term(SearchFields.Body, t)) > 0))
            {
                continue;
            }
            if (vocabulary.Correct(folded) is { } correction)
            {
                words[i] = correction;
                changed = true;
            }
        }
        return changed ? string.Join(' ', words) : null;
    }

    /// <summary>Titles and frequent words for the typed prefix, built from the index (no Lucene.Net.Suggest).</summary>
    public IReadOnlyList<Suggestion> Suggest(string? prefix, int max = 8)
    {
        var text = UserQuery.Clean(prefix);
        if (text.Length < 2)
        {
            return [];
        }
        if (text.Length > 100)
        {
            text = text[..100];
        }
        using var lease = Index.Lease();
        var vocabulary = Vocabulary(lease.Searcher);
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(TextNormalizer.Fold).ToList();
        var result = new List<Suggestion>(max);
        var head = words.Count > 1 ? string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1]) + " " : "";
        foreach (var word in vocabulary.WordsStartingWith(words[^1], 4))
        {
            result.Add(new Suggestion(head + word, null, "term"));
        }
        foreach (var (title, url) in vocabulary.TitlesMatching(words, max - result.Count))
        {
            result.Add(new Suggestion(title, url, "title"));
        }
        return result;
    }

    /// <summary>The vocabulary of the current searcher; rebuilt in the background when the index changed.</summary>
    private SearchVocabulary Vocabulary(IndexSearcher searcher)
    {
        lock (_vocabularyLock)
        {
            if (_vocabularyReader != searcher.IndexReader && (_vocabularyBuild is null || _vocabularyBuild.IsCompleted))
            {
                var reader = searcher.IndexReader;
                reader.IncRef();
                _vocabularyBuild = Task.Run(() =>
                {
                    try
                    {
                        var built = SearchVocabulary.Build(new IndexSearcher(reader));
                        lock (_vocabularyLock)
                        {
                            _vocabulary = built;
                            _vocabularyReader = reader;
                        }
                    }
                    finally
                    {
                        reader.DecRef();
                    }
                });
            }
            return _vocabulary;
        }
    }

    /// <summary>Waits for the vocabulary of the current index (tests, warm-up).</summary>
    public void WarmUp()
    {
        using (var lease = Index.Lease())
        {
            Vocabulary(lease.Searcher);
        }
        Task? build;
        lock (_vocabularyLock)
        {
            build = _vocabularyBuild;
        }
        build?.Wait();
    }
}
