using Portal.Core.Search;
using Portal.Core.Search.Indexing;
using Portal.Core.Search.Querying;

namespace Portal.Core.Tests.Search;

/// <summary>Words in most documents score but do not open a match on their own.</summary>
public sealed class CommonWordsTests : IDisposable
{
    private readonly SearchIndex _index = SearchIndex.InMemory(SearchTestEnvironment.Analyzer());
    private readonly SearchEngine _engine;

    public CommonWordsTests()
    {
        _engine = new SearchEngine(_index, () => SynonymDictionary.Empty);
        for (var i = 0; i < 700; i++)
        {
            var topic = i % 100 == 0 ? " Порядок списания учебников." : "";
            Add("d" + i, "Постановление № " + i, "Российская Федерация обеспечивает охрану водных объектов." + topic);
        }
        _index.Refresh();
    }

    public void Dispose() => _index.Dispose();

    private void Add(string key, string title, string body) => _index.Upsert(new SearchDocument
    {
        Kind = SearchKinds.Document,
        Key = key,
        Title = title,
        Url = "/documents/" + key,
        Body = body,
    });

    [Fact]
    public void A_common_word_with_a_rare_one_finds_only_what_the_rare_one_finds()
    {
        var results = _engine.Search(new SearchRequest { Query = "российская федерация учебники" });

        Assert.Equal(7, results.Total);
        Assert.All(results.Hits, h => Assert.Contains("учебник", h.SnippetHtml!, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Common_words_alone_still_find_everything()
    {
        var results = _engine.Search(new SearchRequest { Query = "российская федерация" });

        Assert.Equal(700, results.Total);
    }

    [Fact]
    public void A_word_the_index_lacks_does_not_close_the_common_ones()
    {
        var results = _engine.Search(new SearchRequest { Query = "федерация учбеники" });

        Assert.Equal(700, results.Total);
    }
}
