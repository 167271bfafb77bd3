using Lucene.Net.Index;
using Lucene.Net.Search;
using Portal.Core.Search;
using Portal.Core.Search.Analysis;
using Portal.Core.Search.Indexing;
using Portal.Core.Search.Querying;

namespace Portal.Core.Tests.Search;

public sealed class HitHighlighterTests : IDisposable
{
    private readonly PortalAnalyzer _analyzer = SearchTestEnvironment.Analyzer();
    private readonly SearchIndex _index;

    public HitHighlighterTests()
    {
        _index = SearchIndex.InMemory(_analyzer);
    }

    public void Dispose() => _index.Dispose();

    /// <summary>A highlighter for what the portal would search for these words, in the body and title.</summary>
    private HitHighlighter For(string words)
    {
        var query = new BooleanQuery();
        foreach (var term in _analyzer.Analyze(SearchFields.Body, words))
        {
            query.Add(new TermQuery(new Term(SearchFields.Body, term.Term)), Occur.SHOULD);
            query.Add(new TermQuery(new Term(SearchFields.Title, term.Term)), Occur.SHOULD);
        }
        using var lease = _index.Lease();
        return HitHighlighter.For([query], lease.Searcher, _analyzer);
    }

    [Fact]
    public void Marks_every_form_of_the_query_words_in_the_title()
    {
        var html = For("списание учебник").Title("О списании учебников и учебных пособий");

        Assert.Equal("О <mark>списании</mark> <mark>учебников</mark> и учебных пособий", html);
    }

    [Fact]
    public void Shows_the_passage_where_the_words_are_not_the_beginning()
    {
        var text = string.Join(' ', Enumerable.Repeat("Общие положения настоящего порядка применяются ко всем организациям.", 20))
            + " Списание учебников оформляется актом комиссии." + string.Concat(Enumerable.Repeat(" Прочие нормы.", 30));

        var html = For("списание учебников").Snippet(text, 220);

        Assert.StartsWith("…", html);
        Assert.EndsWith("…", html);
        Assert.Contains("<mark>Списание</mark> <mark>учебников</mark> оформляется", html);
        Assert.True(html.Length < 400, html);
    }

    [Fact]
    public void Adds_a_second_passage_for_words_the_first_one_lacks()
    {
        var filler = string.Concat(Enumerable.Repeat(" Текст без искомых слов.", 40));
        var text = "Библиотечный фонд учитывается в книге суммарного учета." + filler + " Акт списания утверждает руководитель." + filler;

        var html = For("фонд списание").Snippet(text, 220);

        Assert.Contains("<mark>фонд</mark>", html);
        Assert.Contains("<mark>списания</mark>", html);
        Assert.Contains(" … ", html);
    }

    [Fact]
    public void Marks_compounds_numbers_and_words_with_a_stress_mark()
    {
        var html = For("библиотекарь 1077 учебник").Snippet("Педагог-библиотекарь ведет учет по приказу № 1077 и выдает уче\u0301бники.", 220);

        Assert.Contains("<mark>Педагог-библиотекарь</mark>", html);
        Assert.Contains("№ <mark>1077</mark>", html);
        Assert.Contains("<mark>уче\u0301бники</mark>", html);
    }

    [Fact]
    public void Without_numbers_in_the_query_still_marks_a_compound_by_its_second_part_and_irregular_forms()
    {
        var html = For("библиотекарь ребенок").Snippet("Педагог-библиотекарь 01.09.2013 принял 12 детей, а не взрослых.", 220);

        Assert.Contains("<mark>Педагог-библиотекарь</mark>", html);
        Assert.Contains("<mark>детей</mark>", html);
        Assert.Contains("01.09.2013 принял 12", html);
    }

    [Fact]
    public void Function_words_of_the_query_are_not_marked()
    {
        var html = For("исключение из фонда").Snippet("Исключение из фонда оформляется актом, книги выдаются из хранилища.", 220);

        Assert.Contains("<mark>Исключение</mark> из <mark>фонда</mark>", html);
        Assert.Contains("выдаются из хранилища", html);
    }

    [Fact]
    public void Encodes_the_text_around_the_marks()
    {
        var html = For("учебник").Snippet("<script>alert(1)</script> учебник & пособие", 220);

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("<mark>учебник</mark> &amp; пособие", html);
    }

    [Fact]
    public void Without_a_match_shows_the_beginning_cut_at_a_word()
    {
        var text = string.Concat(Enumerable.Repeat("Порядок учета документов библиотечного фонда. ", 20));

        var html = For("отпуск").Snippet(text, 100);

        Assert.StartsWith("Порядок учета", html);
        Assert.EndsWith("…", html);
        Assert.DoesNotContain("<mark>", html);
        Assert.True(html.Length <= 102, html);
    }
}
