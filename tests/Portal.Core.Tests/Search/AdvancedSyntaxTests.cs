using System.Diagnostics;
using Portal.Core.Search;
using Portal.Core.Search.Indexing;
using Portal.Core.Search.Querying;

namespace Portal.Core.Tests.Search;

/// <summary>The advanced syntax does what it says, and no pattern in it costs more than the budget.</summary>
public sealed class AdvancedSyntaxTests : IDisposable
{
    private readonly SearchIndex _index = SearchIndex.InMemory(SearchTestEnvironment.Analyzer());
    private readonly SearchEngine _engine;

    public AdvancedSyntaxTests()
    {
        _engine = new SearchEngine(_index, () => SynonymDictionary.Empty);
        Add("1", "Порядок списания учебников", "Списание учебников оформляется актом комиссии.");
        Add("2", "Учет библиотечного фонда", "Книга суммарного учета библиотечного фонда.");
        Add("3", "Трудовой кодекс. Статья 81", "Расторжение трудового договора по инициативе работодателя.");
        // A vocabulary of many words starting alike, for expansions to choose from.
        for (var i = 0; i < 300; i++)
        {
            Add("w" + i, "Сборник " + i, $"аб{i:D3}вгд абв{i}ж слово{i}");
        }
        _index.Refresh();
        _engine.WarmUp();
    }

    public void Dispose() => _index.Dispose();

    private void Add(string key, string title, string body) =>
        _index.Upsert(new SearchDocument { Kind = SearchKinds.Document, Key = key, Title = title, Url = "/documents/" + key, Body = body });

    private SearchResults Advanced(string query, CancellationToken cancellation = default) =>
        _engine.Search(new SearchRequest { Query = query, Advanced = true }, cancellation);

    [Theory]
    [InlineData("/.*а.{30}/", "Регулярные выражения")]
    [InlineData("*а???????????????????????????????", "не может начинаться")]
    [InlineData("?чебник", "не может начинаться")]
    [InlineData("kind:exchange", "не поддерживается")]
    [InlineData("id:*", "не поддерживается")]
    [InlineData("*:*", "не поддерживается")]
    public void Costly_or_unsupported_syntax_is_refused_with_a_russian_notice_and_the_words_are_searched(string query, string notice)
    {
        var watch = Stopwatch.StartNew();
        var results = Advanced(query);

        Assert.NotNull(results.SyntaxNotice);
        Assert.Contains(notice, results.SyntaxNotice);
        Assert.EndsWith("Искали по словам.", results.SyntaxNotice);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused_before_parsing()
    {
        var results = Advanced(new string('(', 500) + "учебник" + new string(')', 500));

        Assert.Contains("вложенность", results.SyntaxNotice);
    }

    [Theory]
    [InlineData("спис*")]
    [InlineData("списани*")]
    [InlineData("учебн?ков")]
    [InlineData("учебнеков~")]
    [InlineData("заголовок:списания")]
    [InlineData("\"списание учебников\"")]
    [InlineData("списание AND учебников NOT кодекс")]
    public void Wildcards_fuzzy_terms_fields_and_phrases_find_the_text(string query)
    {
        var results = Advanced(query);

        Assert.Null(results.SyntaxNotice);
        Assert.Equal("1", results.Hits.First().Key);
    }

    [Theory]
    [InlineData("аб*")]
    [InlineData("а*в*")]
    [InlineData("[а TO я]")]
    [InlineData("{аб000вгд TO аб299вгд}")]
    public void An_expansion_takes_at_most_the_configured_number_of_terms(string query)
    {
        var parser = new AdvancedQueryParser(_index.Analyzer, Expander(new SearchOptions { MaxExpansions = 64 }));

        var parsed = parser.ParseBounded(query);

        var terms = new HashSet<Lucene.Net.Index.Term>();
        parsed.ExtractTerms(terms);
        Assert.InRange(terms.Count, 1, 64 * 4); // per field of the four text fields
        Assert.All(terms.GroupBy(t => t.Field), field => Assert.InRange(field.Count(), 1, 64));
    }

    [Fact]
    public void A_wildcard_reads_no_more_terms_than_the_budget_allows()
    {
        var options = new SearchOptions { MaxTermsScanned = 1_000 };

        var results = new SearchEngine(_index, () => SynonymDictionary.Empty, options: options)
            .Search(new SearchRequest { Query = "а*ж OR с*о OR а*д OR а*в", Advanced = true });

        Assert.True(results.Partial);
    }

    [Fact]
    public void A_cancelled_search_stops_and_says_its_results_are_partial()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var results = _engine.Search(new SearchRequest { Query = "списание учебников" }, cancelled.Token);

        Assert.True(results.Partial);
        Assert.Empty(results.Hits);
    }

    [Theory]
    [InlineData("учеб*", "учебник", true)]
    [InlineData("уч?бник", "учебник", true)]
    [InlineData("*ник", "учебник", true)]
    [InlineData("у*б*к", "учебник", true)]
    [InlineData("у*б*к", "учебники", false)]
    [InlineData("учебник", "учебник", true)]
    [InlineData("учебник?", "учебник", false)]
    [InlineData("*", "", true)]
    [InlineData("a*a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false)]
    public void Wildcard_matching_follows_star_and_question_mark(string pattern, string text, bool matches) =>
        Assert.Equal(matches, TermExpander.WildcardMatches(pattern, text));

    private TermExpander Expander(SearchOptions options)
    {
        using var lease = _index.Lease();
        return new TermExpander(lease.Searcher.IndexReader, _index.Analyzer, SearchVocabulary.Build(lease.Searcher), new SearchBudget(options, CancellationToken.None));
    }
}
