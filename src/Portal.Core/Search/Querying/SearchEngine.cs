using System.Diagnostics;
using System.Net;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Portal.Core.Search.Analysis;
using Portal.Core.Search.Indexing;

namespace Portal.Core.Search.Querying;

/// <summary>
/// The portal's search over the single index: query understanding (layout correction, requisites,
/// synonyms), ranking, facets, highlighting, spelling and autocomplete. The web pages, the JSON API
/// and the evaluation tool all call this one class.
/// </summary>
public sealed class SearchEngine(SearchIndex index, Func<SynonymDictionary> synonyms, RankingWeights? weights = null) : IContentSearch
{
    public static readonly IReadOnlyList<string> FacetFields = [SearchFields.Kind, SearchFields.DocType, SearchFields.Issuer, SearchFields.Status, SearchFields.Year];
    private const int SnippetChars = 220;
    private const int FacetValuesShown = 12;
    /// <summary>The stored fields a hit shows: headings, tags and ids stay on disk.</summary>
    private static readonly ISet<string> HitFields = new HashSet<string>
    {
        SearchFields.Kind, SearchFields.Key, SearchFields.Url, SearchFields.Title, SearchFields.SnippetSource, SearchFields.Requisites,
        SearchFields.DocType, SearchFields.Issuer, SearchFields.Status, SearchFields.Date,
    };

    private readonly SearchQueryBuilder _builder = new(weights ?? new RankingWeights());
    private readonly object _vocabularyLock = new();
    private SearchVocabulary _vocabulary = SearchVocabulary.Empty;
    private IndexReader? _vocabularyReader;
    private Task? _vocabularyBuild;

    public SearchIndex Index { get; } = index;

    /// <summary>Set by the host while the index is rebuilt from the database.</summary>
    public IndexState State { get; set; }

    private PortalAnalyzer Analyzer => Index.Analyzer;

    public SearchResults Search(SearchRequest request)
    {
        if (!request.Advanced)
        {
            return SearchCore(request);
        }
        try
        {
            return SearchCore(request);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // Lucene syntax that parses but cannot run (odd ranges, too many expansions): search the words.
            return SearchCore(request with { Advanced = false }) with { SyntaxNotice = "Запрос не удалось выполнить как расширенный: искали по словам." };
        }
    }

    private SearchResults SearchCore(SearchRequest request)
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
        Query? query = null;
        if (request.Advanced)
        {
            query = ParseAdvanced(text);
            syntaxNotice = query is null ? "Запрос не удалось разобрать как расширенный: искали по словам." : null;
        }
        query ??= understood.IsEmpty ? null : _builder.Build(understood, synonyms(), Analyzer);
        if (query is null)
        {
            return SearchResults.Empty(text, State) with { CorrectedFrom = correctedFrom };
        }
        var filtered = ApplyFilters(query, request);
        var pageSize = Math.Clamp(request.PageSize, 1, 50);
        var page = Math.Clamp(request.Page, 1, SearchRequest.MaxPage);
        var sort = request.Sort == SearchSort.Date
            ? new Sort(new SortField(SearchFields.Date, SortFieldType.INT64, reverse: true), SortField.FIELD_SCORE)
            : new Sort(SortField.FIELD_SCORE, new SortField(SearchFields.Date, SortFieldType.INT64, reverse: true));
        var top = TopFieldCollector.Create(sort, page * pageSize, null, fillFields: true, trackDocScores: true, trackMaxScore: false, docsScoredInOrder: false);
        FacetCollector? facets = request.Facets ? new FacetCollector(FacetFields) : null;
        searcher.Search(filtered, facets is null ? top : MultiCollector.Wrap(top, facets));
        var docs = top.GetTopDocs((page - 1) * pageSize, pageSize);
        var hits = new List<SearchHit>(docs.ScoreDocs.Length);
        var highlighter = request.Highlight ? new HitHighlighter(query, Analyzer) : null;
        foreach (var scoreDoc in docs.ScoreDocs)
        {
            hits.Add(ToHit(searcher.Doc(scoreDoc.Doc, HitFields), scoreDoc.Score, highlighter));
        }
        string? didYouMean = null;
        if (docs.TotalHits < 3 && correctedFrom is null && !request.Advanced)
        {
            didYouMean = SpellingSuggestion(searcher, understood);
        }
        return new SearchResults
        {
            Query = text,
            CorrectedFrom = correctedFrom,
            DidYouMean = didYouMean,
            Total = docs.TotalHits,
            Page = page,
            PageSize = pageSize,
            Hits = hits,
            Facets = facets?.Result(FacetValuesShown) ?? new Dictionary<string, IReadOnlyList<FacetValue>>(),
            IndexState = State,
            SyntaxNotice = syntaxNotice,
            ElapsedMs = watch.Elapsed.TotalMilliseconds,
        };
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

    private Query? ParseAdvanced(string text)
    {
        try
        {
            var parser = new MultiFieldQueryParser(Lucene.Net.Util.LuceneVersion.LUCENE_48,
                [SearchFields.Title, SearchFields.Headings, SearchFields.Body, SearchFields.Requisites], Analyzer,
                new Dictionary<string, float> { [SearchFields.Title] = 3f, [SearchFields.Requisites] = 2f, [SearchFields.Headings] = 1.5f, [SearchFields.Body] = 1f })
            {
                DefaultOperator = Operator.AND,
                AllowLeadingWildcard = false,
            };
            return parser.Parse(text);
        }
        catch (Exception e) when (e is ParseException or BooleanQuery.TooManyClausesException or ArgumentException)
        {
            return null;
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

    private static SearchHit ToHit(Document doc, float score, HitHighlighter? highlighter)
    {
        var title = doc.Get(SearchFields.Title) ?? "";
        var body = doc.Get(SearchFields.SnippetSource) ?? "";
        return new SearchHit
        {
            Kind = doc.Get(SearchFields.Kind) ?? "",
            Key = doc.Get(SearchFields.Key) ?? "",
            Title = title,
            Url = doc.Get(SearchFields.Url) ?? "",
            TitleHtml = highlighter?.Title(title),
            SnippetHtml = highlighter?.Snippet(body, SnippetChars),
            Requisites = doc.Get(SearchFields.Requisites),
            DocType = doc.Get(SearchFields.DocType),
            Issuer = doc.Get(SearchFields.Issuer),
            Status = doc.Get(SearchFields.Status),
            Date = LuceneDocuments.DateOf(doc),
            Score = score,
        };
    }

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

    /// <summary>Escapes only what HTML needs (&lt; &gt; &amp; quotes); Lucene's encoder also turns every Cyrillic letter into an entity.</summary>
    private sealed class MinimalHtmlEncoder : IEncoder
    {
        public string EncodeText(string originalText) => WebUtility.HtmlEncode(originalText);
    }

    /// <summary>Highlights the matched forms: the analyzer re-analyses stored text, so every case form of a query word is marked.</summary>
    private sealed class HitHighlighter(Query query, PortalAnalyzer analyzer)
    {
        private readonly Highlighter _body = Create(query, SearchFields.Body, fragment: true);
        private readonly Highlighter _title = Create(query, SearchFields.Title, fragment: false);

        private static Highlighter Create(Query query, string field, bool fragment)
        {
            // Plain term queries only: with phrase queries the scorer indexes every hit's text into a
            // MemoryIndex to check positions, which costs tens of milliseconds per hit.
            var scorer = new QueryScorer(TermsOnly(query, field), field);
            return new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), new MinimalHtmlEncoder(), scorer)
            {
                TextFragmenter = fragment ? new SimpleSpanFragmenter(scorer, SnippetChars) : new NullFragmenter(),
                MaxDocCharsToAnalyze = LuceneDocuments.SnippetSourceChars,
            };
        }

        private static Query TermsOnly(Query query, string field)
        {
            var terms = new HashSet<Term>();
            try
            {
                query.ExtractTerms(terms);
            }
            catch (NotSupportedException)
            {
                return query; // advanced syntax (ranges, wildcards): the scorer rewrites it itself
            }
            var plain = new BooleanQuery(disableCoord: true);
            foreach (var term in terms.Where(t => t.Field == field).Take(BooleanQuery.MaxClauseCount))
            {
                plain.Add(new TermQuery(term), Occur.SHOULD);
            }
            return plain;
        }

        public string Title(string title) => Best(_title, SearchFields.Title, title, 1) ?? WebUtility.HtmlEncode(title);

        public string Snippet(string body, int chars)
        {
            var best = Best(_body, SearchFields.Body, body, 2);
            if (best is not null)
            {
                return best;
            }
            var plain = body.Length > chars ? body[..chars] + "…" : body;
            return WebUtility.HtmlEncode(plain);
        }

        private string? Best(Highlighter highlighter, string field, string text, int fragments)
        {
            if (text.Length == 0)
            {
                return null;
            }
            try
            {
                using var stream = analyzer.GetTokenStream(field, text);
                var result = highlighter.GetBestFragments(stream, text, fragments, " … ");
                return string.IsNullOrWhiteSpace(result) ? null : result.Trim();
            }
            catch (InvalidTokenOffsetsException)
            {
                return null;
            }
        }
    }
}
