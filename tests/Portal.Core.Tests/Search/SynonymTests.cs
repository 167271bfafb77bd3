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
        // «мигрант». Counted as covering the word it replaces, the synonym puts the text that has
        // both parts of the query above the texts that only share the rare word «патент».
        var synonyms = SynonymDictionary.Parse("мигрант => иностранный гражданин", Analyzer);
        var engine = new SearchEngine(_index, () => synonyms);
        for (var i = 0; i < 5; i++)
        {
            Add("invention-" + i, "Патент на изобретение " + i, "Патент удостоверяет приоритет изобретения и авторство. Патент выдается федеральным органом.");
        }
        Add("foreigners", "О правовом положении иностранных граждан. Статья 13.3", "Иностранный гражданин осуществляет трудовую деятельность на основании патента. Иностранный гражданин обращается с заявлением.");
        _index.Refresh();

        var results = engine.Search(new SearchRequest { Query = "патент для мигрантов" });

        Assert.Equal("foreigners", results.Hits[0].Key);
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
