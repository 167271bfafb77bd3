using Portal.Core.Search;
using Portal.Core.Search.Indexing;
using Portal.Core.Search.Querying;

namespace Portal.Core.Tests.Search;

/// <summary>Long texts are cut into articles and ranked by their best article, shown and counted once.</summary>
public sealed class PassagesTests : IDisposable
{
    private readonly SearchIndex _index = SearchIndex.InMemory(SearchTestEnvironment.Analyzer());
    private readonly SearchEngine _engine;

    public PassagesTests()
    {
        _engine = new SearchEngine(_index, () => SynonymDictionary.Empty);
    }

    public void Dispose() => _index.Dispose();

    /// <summary>A law of 40 articles about water and forests; article 37 alone is about textbooks.</summary>
    private static string LongLaw(string article37)
    {
        var text = new System.Text.StringBuilder("ФЕДЕРАЛЬНЫЙ ЗАКОН\nО природопользовании\nГлава 1. Общие положения\n");
        for (var i = 1; i <= 40; i++)
        {
            if (i == 21)
            {
                text.Append("Глава 2. Особые положения\n");
            }
            text.Append("Статья ").Append(i).Append(". ");
            text.Append(i == 37 ? article37 : "Пользование водными объектами и лесами").Append('\n');
            var body = i == 37 ? article37 + ". " : "";
            for (var j = 0; j < 12; j++)
            {
                text.Append(body).Append("Водные объекты и леса используются в порядке, установленном законодательством, с соблюдением требований охраны окружающей среды.\n");
            }
        }
        return text.ToString();
    }

    [Fact]
    public void A_passage_link_escapes_what_text_fragments_use_as_syntax()
    {
        var link = SearchEngine.PassageLink("/documents/7", "\n  Статья 5.1-1. Учет, списание & выдача\nТекст");

        Assert.Equal("/documents/7#:~:text=%D0%A1%D1%82%D0%B0%D1%82%D1%8C%D1%8F%205.1%2D1.%20%D0%A3%D1%87%D0%B5%D1%82%2C%20%D1%81%D0%BF%D0%B8%D1%81%D0%B0%D0%BD%D0%B8%D0%B5%20%26%20%D0%B2%D1%8B%D0%B4%D0%B0%D1%87%D0%B0"
            + ",-%D0%A2%D0%B5%D0%BA%D1%81%D1%82", link);
    }

    [Fact]
    public void A_passage_link_takes_a_long_line_as_a_range_and_a_long_run_without_spaces_whole()
    {
        var words = string.Join(' ', Enumerable.Range(1, 60).Select(i => "слово" + i));
        var run = new string('я', 400);

        Assert.Equal("/d#:~:text=" + Uri.EscapeDataString("слово1 слово2 слово3 слово4") + "," + Uri.EscapeDataString("слово58 слово59 слово60"),
            SearchEngine.PassageLink("/d", words));
        Assert.Equal("/d#:~:text=" + Uri.EscapeDataString(run), SearchEngine.PassageLink("/d", run));
    }

    [Fact]
    public void Short_text_is_one_passage()
    {
        var passages = Passages.Split("Статья 1. Списание учебников.\nТекст статьи.");

        Assert.Single(passages);
    }

    [Fact]
    public void Long_text_is_cut_at_articles_and_a_chapter_joins_the_next_article()
    {
        var passages = Passages.Split(LongLaw("Списание учебников"));

        Assert.Equal(41, passages.Count); // the preamble and 40 articles
        var article21 = passages.Single(p => p.Headings.Contains("Статья 21."));
        Assert.StartsWith("Глава 2. Особые положения", article21.Headings);
        Assert.StartsWith("Глава 2. Особые положения\nСтатья 21.", article21.Text);
        Assert.All(passages, p => Assert.True(p.Text.Length <= 6_000));
        Assert.Equal(LongLaw("Списание учебников").Replace("\n", "").Length,
            string.Concat(passages.Select(p => p.Text.Replace("\n", ""))).Length);
    }

    [Fact]
    public void Text_without_structure_is_cut_at_paragraphs()
    {
        var paragraph = new string('а', 90) + " " + new string('б', 90);
        var text = string.Join('\n', Enumerable.Repeat(paragraph, 200));

        var passages = Passages.Split(text);

        Assert.True(passages.Count > 5);
        Assert.All(passages, p => Assert.True(p.Text.Length is > 0 and <= 6_000));
        Assert.All(passages, p => Assert.Equal(0, p.Text.Split('\n').Count(line => line.Length != paragraph.Length)));
    }

    [Fact]
    public void Long_law_is_found_by_its_article_shown_by_that_article_and_counted_once()
    {
        _index.Upsert(Document("law", "О природопользовании", LongLaw("Порядок списания учебников и учебных пособий")));
        _index.Upsert(Document("order", "О библиотечном фонде", "Учет библиотечного фонда ведется в книге суммарного учета. Списание производится по акту."));
        _index.Refresh();

        var results = _engine.Search(new SearchRequest { Query = "списание учебников" });

        Assert.Equal(2, results.Total);
        Assert.Equal("law", results.Hits[0].Key);
        Assert.Contains("<mark>списания</mark> <mark>учебников</mark>", results.Hits[0].SnippetHtml);
        Assert.Equal("/documents/law#:~:text=" + Uri.EscapeDataString("Статья 37. Порядок списания учебников и учебных пособий")
            + ",-" + Uri.EscapeDataString("Порядок списания учебников и"), results.Hits[0].Url);
        Assert.Equal("/documents/order", results.Hits[1].Url);
        Assert.Contains(results.Facets[SearchFields.Kind], f => f.Value == SearchKinds.Document && f.Count == 2);
        Assert.Equal(2, _index.DocumentCount);
    }

    [Fact]
    public void Updating_a_long_law_replaces_its_passages_and_deleting_removes_them()
    {
        _index.Upsert(Document("law", "О природопользовании", LongLaw("Порядок списания учебников")));
        _index.Refresh();
        _index.Upsert(Document("law", "О природопользовании", LongLaw("Порядок выдачи разрешений")));
        _index.Refresh();

        Assert.Equal(0, _engine.Search(new SearchRequest { Query = "учебников" }).Total);
        Assert.Equal(1, _engine.Search(new SearchRequest { Query = "разрешений" }).Total);

        _index.Delete(SearchKinds.Document, "law");
        _index.Refresh();

        Assert.Equal(0, _engine.Search(new SearchRequest { Query = "водные объекты" }).Total);
        Assert.Equal(0, _index.DocumentCount);
    }

    private static SearchDocument Document(string key, string title, string body) => new()
    {
        Kind = SearchKinds.Document,
        Key = key,
        Title = title,
        Url = "/documents/" + key,
        Body = body,
        DocType = "Федеральный закон",
    };
}
