using Portal.Core.Content;

namespace Portal.Core.Tests.Content;

public sealed class FrontMatterReaderTests
{
    private sealed class Header
    {
        public string? Title { get; set; }
        public string? DocType { get; set; }
        public List<string> Tags { get; set; } = [];
    }

    [Fact]
    public void Splits_header_and_body_and_reads_snake_case_fields()
    {
        var file = FrontMatterReader.Parse("---\ntitle: Закон\ndoc_type: Федеральный закон\ntags: [списание, учёт]\n---\n\nТекст аннотации.\n", "content/documents/a.md");

        var header = file.Header.Deserialize<Header>();

        Assert.Equal("Закон", header.Title);
        Assert.Equal("Федеральный закон", header.DocType);
        Assert.Equal(["списание", "учёт"], header.Tags);
        Assert.Equal("Текст аннотации.", file.Body);
    }

    [Fact]
    public void Handles_windows_line_endings_and_a_byte_order_mark()
    {
        var file = FrontMatterReader.Parse("\uFEFF---\r\ntitle: Т\r\n---\r\nСтрока 1\r\nСтрока 2\r\n", "x.md");

        Assert.Equal("Т", file.Header.Deserialize<Header>().Title);
        Assert.Equal("Строка 1\nСтрока 2", file.Body);
    }

    [Fact]
    public void Bad_yaml_names_the_file_and_the_line_of_the_file()
    {
        // Line 4 of the file holds the unclosed quote.
        var text = "---\ntitle: Закон\ndoc_type: Приказ\nnumber: \"1077\n---\nТекст\n";

        var error = Assert.Throws<ContentFileException>(() => FrontMatterReader.Parse(text, "content/documents/broken.md"));

        Assert.Equal("content/documents/broken.md", error.File);
        Assert.NotNull(error.Line);
        Assert.InRange(error.Line!.Value, 4, 5);
        Assert.Contains("content/documents/broken.md", error.Message, StringComparison.Ordinal);
        Assert.Contains("строка", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_field_is_reported_at_its_line()
    {
        var file = FrontMatterReader.Parse("---\ntitle: Закон\ntitel: опечатка\n---\nТекст\n", "content/documents/typo.md");

        var error = Assert.Throws<ContentFileException>(() => file.Header.Deserialize<Header>());

        Assert.Equal(3, error.Line);
        Assert.Contains("titel", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Field_errors_point_at_the_field()
    {
        var file = FrontMatterReader.Parse("---\ntitle: Закон\ndate: 29.12.2012\n---\n", "d.md");

        var error = Assert.Throws<ContentFileException>(() => file.Header.Date("date", "29.12.2012"));

        Assert.Equal(3, error.Line);
        Assert.Contains("ГГГГ-ММ-ДД", error.Message, StringComparison.Ordinal);
    }

    private sealed class TagsHeader
    {
        public object? Tags { get; set; }
    }

    [Theory]
    [InlineData("tags: [Списание, учёт фонда, списание]")]
    [InlineData("tags: Списание, учёт фонда; списание")]
    [InlineData("tags:\n  - Списание\n  - учёт фонда")]
    public void Tags_may_be_a_list_or_one_line(string line)
    {
        var yaml = FrontMatterReader.Parse($"---\n{line}\n---\n", "t.md").Header;

        Assert.Equal("списание, учёт фонда", yaml.Tags("tags", yaml.Deserialize<TagsHeader>().Tags));
    }

    [Fact]
    public void Nested_tags_are_refused()
    {
        var yaml = FrontMatterReader.Parse("---\ntags: {a: b}\n---\n", "t.md").Header;

        Assert.Throws<ContentFileException>(() => yaml.Tags("tags", yaml.Deserialize<TagsHeader>().Tags));
    }

    [Theory]
    [InlineData("title: без ограничителей\n")]
    [InlineData("---\ntitle: не закрыт\n")]
    public void Missing_fences_are_reported(string text)
    {
        var error = Assert.Throws<ContentFileException>(() => FrontMatterReader.Parse(text, "m.md"));

        Assert.Equal(1, error.Line);
        Assert.Contains("---", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_that_is_not_a_mapping_is_refused()
    {
        var error = Assert.Throws<ContentFileException>(() => FrontMatterReader.Parse("---\n- один\n- два\n---\n", "l.md"));

        Assert.Contains("ключ: значение", error.Message, StringComparison.Ordinal);
    }
}
