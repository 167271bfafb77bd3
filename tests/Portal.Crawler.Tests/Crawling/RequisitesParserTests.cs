using Portal.Core.Crawling;
using Portal.Crawler.Fixture;

namespace Portal.Crawler.Tests.Crawling;

public sealed class RequisitesParserTests
{
    [Theory]
    [InlineData("Приказ Министерства просвещения Российской Федерации от 21.09.2022 № 858 \"Об утверждении федерального перечня учебников\"",
        "Приказ", "Министерство просвещения Российской Федерации", "2022-09-21", "858", "Об утверждении федерального перечня учебников")]
    [InlineData("Федеральный закон от 29.12.2012 N 273-ФЗ", "Федеральный закон", "Федеральное Собрание Российской Федерации", "2012-12-29", "273-ФЗ", null)]
    [InlineData("Постановление Главного государственного санитарного врача Российской Федерации от 5 апреля 2018 г. N 28 г. Москва \"О приостановлении торговли\"",
        "Постановление", "Главный государственный санитарный врач Российской Федерации", "2018-04-05", "28", "О приостановлении торговли")]
    [InlineData("Приказ Минкультуры России от 08.10.2012 № 1077 «Об утверждении Порядка учета документов, входящих в состав библиотечного фонда»",
        "Приказ", "Министерство культуры Российской Федерации", "2012-10-08", "1077", "Об утверждении Порядка учета документов, входящих в состав библиотечного фонда")]
    [InlineData("Письмо Минпросвещения России от 11.05.2021 № СК-123/07 «О направлении рекомендаций»",
        "Письмо", "Министерство просвещения Российской Федерации", "2021-05-11", "СК-123/07", "О направлении рекомендаций")]
    [InlineData("Федеральный закон от 3 августа 2018 г. N 317-Ф3 \"О внесении изменений в статьи 11 и 14\"",
        "Федеральный закон", "Федеральное Собрание Российской Федерации", "2018-08-03", "317-ФЗ", "О внесении изменений в статьи 11 и 14")]
    [InlineData("Закон Свердловской области от 4 апреля 2018 года № 45-ОЗ \"О внесении изменения\"",
        "Закон субъекта Российской Федерации", "Свердловская область", "2018-04-04", "45-ОЗ", "О внесении изменения")]
    [InlineData("Приказ № 858 от 21.09.2022", "Приказ", null, "2022-09-21", "858", null)]
    [InlineData("Указ главы Республики Дагестан от 7 февраля 2018 года № 21 \"О Председателе Правительства\"",
        "Указ", "Глава Республики Дагестан", "2018-02-07", "21", "О Председателе Правительства")]
    [InlineData("Распоряжение Правительства Российской Федерации от 7 мая 2018 года № 875-р", "Распоряжение", "Правительство Российской Федерации", "2018-05-07", "875-р", null)]
    public void Parses_the_shapes_official_titles_take(string title, string type, string? issuer, string date, string number, string? name)
    {
        var r = RequisitesParser.Parse(title);

        Assert.Equal(type, r.DocType);
        Assert.Equal(issuer, r.Issuer);
        Assert.Equal(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), r.Date);
        Assert.Equal(number, r.Number);
        Assert.Equal(name, r.Title);
    }

    [Fact]
    public void Reads_the_blank_layout_of_the_first_lines_when_the_title_has_no_requisites()
    {
        const string text = "МИНИСТЕРСТВО ПРОСВЕЩЕНИЯ РОССИЙСКОЙ ФЕДЕРАЦИИ\n\nПРИКАЗ\n\nот 21 сентября 2022 г. № 858\n\nОБ УТВЕРЖДЕНИИ ФЕДЕРАЛЬНОГО ПЕРЕЧНЯ УЧЕБНИКОВ\n\nВ соответствии с пунктом…";

        var r = RequisitesParser.Parse("Документ", text);

        Assert.Equal("Приказ", r.DocType);
        Assert.Equal("Министерство просвещения Российской Федерации", r.Issuer);
        Assert.Equal(new DateOnly(2022, 9, 21), r.Date);
        Assert.Equal("858", r.Number);
        Assert.Equal("Об утверждении федерального перечня учебников", r.Title);
    }

    [Theory]
    [InlineData("Новости министерства")]
    [InlineData("")]
    [InlineData("Приказ")]
    [InlineData("Приказ от 31.02.2022 года")]
    public void Does_not_invent_requisites(string title)
    {
        Assert.False(RequisitesParser.Parse(title).IsDocument);
    }

    /// <summary>Every act in the shared corpus whose title prints its requisites: type, number and date must come out as the corpus records them.</summary>
    [Fact]
    public void Parses_type_number_and_date_of_real_corpus_titles()
    {
        var total = 0;
        var failures = new List<string>();
        foreach (var record in FixtureCorpus.Records(FixtureCorpus.CorpusFile()))
        {
            var type = record.GetProperty("doc_type").GetString()!;
            var title = record.GetProperty("title").GetString()!;
            var number = record.GetProperty("number").GetString();
            if (type.Contains("(статья)") || number is null || !title.Contains(" от ") ||
                !title.StartsWith(type.Split(' ')[0], StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            total++;
            var date = DateOnly.Parse(record.GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            var r = RequisitesParser.Parse(title);
            if (r.DocType != type || r.Number != number || r.Date != date)
            {
                failures.Add($"{title}\n   → {r.DocType} | {r.Number} | {r.Date}");
            }
        }

        Assert.True(total >= 100, $"only {total} titles with requisites found in the corpus");
        Assert.True(failures.Count <= total * 0.05, $"{failures.Count} of {total} wrong:\n" + string.Join("\n", failures));
    }
}
