using Portal.Core.Search;
using Portal.Core.Search.Indexing;
using Portal.Core.Search.Querying;

namespace Portal.Core.Tests.Search;

/// <summary>A small real index with the portal's pipeline: robustness, requisites, layout correction, synonyms.</summary>
public sealed class QueryRobustnessTests : IDisposable
{
    private readonly SearchIndex _index;
    private readonly SearchEngine _engine;

    public QueryRobustnessTests()
    {
        var analyzer = SearchTestEnvironment.Analyzer();
        _index = SearchIndex.InMemory(analyzer);
        var synonyms = SynonymDictionary.Parse("ФПУ = федеральный перечень учебников\nучитель, педагогический работник", analyzer);
        _engine = new SearchEngine(_index, () => synonyms);
        Add("1", "Об утверждении порядка учета документов библиотечного фонда", "Приказ", "1077", new DateOnly(2012, 10, 8),
            "Порядок учета документов, входящих в состав библиотечного фонда. Списание учебников оформляется актом.");
        Add("2", "О федеральном перечне учебников", "Приказ", "254", new DateOnly(2020, 5, 20),
            "Утвердить федеральный перечень учебников, допущенных к использованию.");
        Add("3", "Трудовой кодекс Российской Федерации. Статья 334. Ежегодный основной удлиненный оплачиваемый отпуск", "Кодекс (статья)", "197-ФЗ", new DateOnly(2001, 12, 30),
            "Педагогическим работникам предоставляется ежегодный основной удлиненный оплачиваемый отпуск.");
        Add("4", "Трудовой кодекс Российской Федерации. Статья 81. Расторжение трудового договора по инициативе работодателя", "Кодекс (статья)", "197-ФЗ", new DateOnly(2001, 12, 30),
            "Трудовой договор может быть расторгнут работодателем в случаях...");
        _index.Refresh();
    }

    private void Add(string key, string title, string docType, string number, DateOnly date, string body) =>
        _index.Upsert(new SearchDocument
        {
            Kind = SearchKinds.Document,
            Key = key,
            Title = title,
            Url = "/documents/" + key,
            Body = body,
            DocType = docType,
            Date = date,
            Requisites = Portal.Core.Search.Sources.LegalTextStructure.Requisites(docType, number, date, "Министерство"),
        });

    public void Dispose() => _index.Dispose();

    [Fact]
    public void Ten_thousand_random_and_adversarial_queries_never_throw()
    {
        var random = new Random(42);
        string[] adversarial = ["\"", "(", ")", "AND", "OR NOT", "*", "?", "~", "~2", "^", "\\", "/", ":", "[", "]", "{", "}", "!", "&&", "||", "+-", "😀", "\u0000", "\u0007", "\uD800", "title:", "*:*", "\"\"\"", "a~0.5", "ст.", "№"];
        for (var i = 0; i < 10_000; i++)
        {
            string query;
            if (i == 0)
            {
                query = new string('я', 10_000);
            }
            else if (i % 3 == 0)
            {
                query = string.Join(' ', Enumerable.Range(0, random.Next(1, 6)).Select(_ => adversarial[random.Next(adversarial.Length)]));
            }
            else
            {
                var chars = new char[random.Next(0, 60)];
                for (var j = 0; j < chars.Length; j++)
                {
                    chars[j] = (char)random.Next(0, 0x500);
                }
                query = new string(chars) + (i % 2 == 0 ? " учебник" : "");
            }
            var advanced = i % 5 == 0;
            var results = _engine.Search(new SearchRequest { Query = query, Advanced = advanced, Page = random.Next(-5, 200) });
            Assert.NotNull(results);
            _engine.Suggest(query);
        }
    }

    [Fact]
    public void Requisite_number_puts_the_act_on_top()
    {
        var results = _engine.Search(new SearchRequest { Query = "приказ 1077" });
        Assert.Equal("1", results.Hits[0].Key);
    }

    [Fact]
    public void Article_reference_finds_the_article()
    {
        var results = _engine.Search(new SearchRequest { Query = "ст. 81 ТК" });
        Assert.Equal("4", results.Hits[0].Key);
    }

    [Fact]
    public void Wrong_keyboard_layout_is_corrected()
    {
        var results = _engine.Search(new SearchRequest { Query = "cgbcfybt extnf" });
        Assert.Equal("cgbcfybt extnf", results.CorrectedFrom);
        Assert.Equal("списание учета", results.Query);
        Assert.Equal("1", results.Hits[0].Key);
    }

    [Fact]
    public void Abbreviation_finds_its_expansion()
    {
        var results = _engine.Search(new SearchRequest { Query = "ФПУ" });
        Assert.Equal("2", results.Hits[0].Key);
    }

    [Fact]
    public void Synonym_finds_the_other_wording()
    {
        var results = _engine.Search(new SearchRequest { Query = "отпуск учителя" });
        Assert.Equal("3", results.Hits[0].Key);
    }

    [Fact]
    public void Snippets_mark_the_matched_forms()
    {
        var results = _engine.Search(new SearchRequest { Query = "списанию учебника" });
        var snippet = results.Hits.Single(h => h.Key == "1").SnippetHtml!;
        Assert.Contains("<mark>Списание</mark>", snippet);
        Assert.Contains("<mark>учебников</mark>", snippet);
    }

    [Fact]
    public void Facets_count_matching_documents()
    {
        var results = _engine.Search(new SearchRequest { Query = "трудовой кодекс" });
        Assert.Contains(results.Facets[SearchFields.DocType], f => f.Value == "Кодекс (статья)" && f.Count == 2);
        var filtered = _engine.Search(new SearchRequest { Query = "учебников", Year = "2020" });
        Assert.All(filtered.Hits, h => Assert.Equal(2020, h.Date!.Value.Year));
    }

    [Fact]
    public void Spelling_suggestion_comes_from_the_index_vocabulary()
    {
        _engine.WarmUp();
        var results = _engine.Search(new SearchRequest { Query = "бблиотечного" });
        Assert.Equal("библиотечного", results.DidYouMean);
    }

    [Fact]
    public void Autocomplete_offers_titles_and_words()
    {
        _engine.WarmUp();
        var suggestions = _engine.Suggest("федерал");
        Assert.Contains(suggestions, s => s.Type == "title" && s.Text.StartsWith("О федеральном", StringComparison.Ordinal));
        Assert.Contains(suggestions, s => s.Type == "term" && s.Text.StartsWith("федерал", StringComparison.Ordinal));
    }
}
