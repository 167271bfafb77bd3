using Portal.Core.Search;
using Portal.Core.Search.Indexing;
using Portal.Core.Search.Querying;

namespace Portal.Core.Tests.Search;

/// <summary>Synonym groups, one-way rules, and a synonym standing in for the query words it replaces.</summary>
public sealed class SynonymTests : IDisposable
{
    private static readonly Portal.Core.Search.Analysis.PortalAnalyzer Analyzer = SearchTestEnvironment.Analyzer();
    private readonly SearchIndex _index = SearchIndex.InMemory(Analyzer);

    public void Dispose() => _index.Dispose();

    private static IReadOnlyList<string> Terms(string text) => Analyzer.Analyze(SearchFields.Body, text).Select(t => t.Term).ToList();

    private static List<SynonymMatch> Matches(SynonymDictionary dictionary, string query) =>
        dictionary.Match(UserQuery.Parse(query, Analyzer).Positions).ToList();

    [Fact]
    public void A_two_way_group_works_from_every_variant()
    {
        var dictionary = SynonymDictionary.Parse("учитель, педагогический работник", Analyzer);

        Assert.Single(Matches(dictionary, "отпуск учителя"));
        var back = Assert.Single(Matches(dictionary, "педагогических работников"));
        Assert.Equal(0, back.Start);
        Assert.Equal(2, back.Length);
        Assert.Equal(Terms("учитель"), back.Alternatives.Single().SelectMany(p => p));
    }

    [Fact]
    public void A_one_way_rule_works_from_its_left_side_only()
    {
        var dictionary = SynonymDictionary.Parse("развод, развестись => расторжение брака", Analyzer);

        var match = Assert.Single(Matches(dictionary, "раздел имущества при разводе"));
        Assert.Equal(2, match.Start); // «при» is a stop word: раздел, имущество, развод
        Assert.Equal(2, match.Alternatives.Single().Count);
        Assert.Empty(Matches(dictionary, "расторжение брака"));
        Assert.Empty(dictionary.Errors);
    }

    [Fact]
    public void A_rule_is_matched_without_the_function_words_a_query_drops()
    {
        var dictionary = SynonymDictionary.Parse("выезд за границу => выезд из Российской Федерации\nРВП = разрешение на временное проживание", Analyzer);

        Assert.Single(Matches(dictionary, "выезд за границу"));
        Assert.Single(Matches(dictionary, "разрешение на временное проживание"));
    }

    [Fact]
    public void A_variant_of_function_words_only_is_reported_not_searched()
    {
        var dictionary = SynonymDictionary.Parse("и => брак\nза, на, сделка\nзаем, займ", Analyzer);

        Assert.Equal(["Строка 1:", "Строка 2:", "Строка 2:"], dictionary.Errors.Select(e => e[..9]));
        Assert.Equal(1, dictionary.GroupCount);
    }

    [Theory]
    [InlineData("=> расторжение брака")]
    [InlineData("развод =>")]
    [InlineData("а => б => в")]
    [InlineData("одно слово")]
    public void A_malformed_line_is_reported_with_its_number_and_the_rest_still_loads(string line)
    {
        var dictionary = SynonymDictionary.Parse("ФПУ = федеральный перечень учебников\n" + line, Analyzer);

        Assert.Equal(1, dictionary.GroupCount);
        Assert.StartsWith("Строка 2:", Assert.Single(dictionary.Errors));
    }

    [Fact]
    public void A_text_in_the_law_s_words_ranks_with_a_text_in_the_query_s_words()
    {
        // «патент для мигрантов»: the act on foreign citizens says «иностранный гражданин», never
        // «мигрант». Counted as covering the word it replaces, the synonym gives that text both
        // words of the query, above texts that say «патент» twice but nothing of foreigners. (Scored
        // beside the words instead, it left the text at half coordination, below them.)
        var synonyms = SynonymDictionary.Parse("мигрант => иностранный гражданин", Analyzer);
        var engine = new SearchEngine(_index, () => synonyms);
        for (var i = 0; i < 5; i++)
        {
            Add("patent-" + i, "Статья " + i, "Патент выдается по заявке. Патент действует десять лет.");
        }
        for (var i = 0; i < 30; i++)
        {
            Add("other-" + i, "Статья " + (100 + i), "Иностранный гражданин вправе обратиться в суд. Порядок установлен законом.");
        }
        Add("foreigners", "Статья 13.3", "Иностранный гражданин осуществляет трудовую деятельность на основании патента.");
        _index.Refresh();

        var results = engine.Search(new SearchRequest { Query = "патент для мигрантов" });

        Assert.True(results.Hits[0].Key == "foreigners", string.Join(" ", results.Hits.Select(h => h.Key + ":" + h.Score.ToString("F2"))));
    }

    private void Add(string key, string title, string body) => _index.Upsert(new SearchDocument
    {
        Kind = SearchKinds.Document,
        Key = key,
        Title = title,
        Url = "/documents/" + key,
        Body = body,
    });
}
