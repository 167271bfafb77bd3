using System.Text;
using MiniExcelLibs;
using Portal.Core.Association.Exchange;

namespace Portal.Core.Tests.Association;

public sealed class OfferImportTests
{
    private static OfferImportPreview Read(string csv, Encoding? encoding = null) =>
        OfferImport.Read(new MemoryStream((encoding ?? Encoding.UTF8).GetBytes(csv)), "fund.csv", 2023);

    [Fact]
    public void Every_bad_row_is_listed_with_its_excel_row_number_and_russian_reasons()
    {
        var preview = Read(
            "Название;Авторы;Предмет;Класс;Издательство;Год;ISBN;Количество;Состояние\n" +
            "Математика. 5 класс;Мерзляк А.Г.;Математика;5;Просвещение;2021;978-5-09-087604-9;12;хорошее\n" +
            "Русский язык;Ладыженская Т.А.;Русский язык;5;Просвещение;1970;;3;\n" +
            ";Без названия;История;7;;2020;978-5-09-087604-5;0;\n" +
            "Физика;Перышкин А.В.;Физика;семь;Дрофа;две тысячи;;5;\n");

        Assert.Empty(preview.FileErrors);
        Assert.Equal([2, 3, 4, 5], preview.Rows.Select(r => r.RowNumber));
        Assert.True(preview.Rows[0].IsValid);
        Assert.Equal(["Год издания должен быть от 1980 до 2024, указано 1970."], preview.Rows[1].Errors);
        Assert.Equal(["Укажите название учебника.", "Неверная контрольная цифра ISBN-13.", "Количество экземпляров должно быть больше нуля."], preview.Rows[2].Errors);
        Assert.Equal(["Класс: «семь» — не целое число.", "Год: «две тысячи» — не целое число."], preview.Rows[3].Errors);
        Assert.Equal(1, preview.ValidCount);
        Assert.True(preview.CanImport);
    }

    [Fact]
    public void Windows_1251_csv_with_commas_is_read()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var preview = Read("Наименование,Предмет,Год издания,Кол-во\n\"Литература, 6 класс\",Литература,2019,4\n", Encoding.GetEncoding(1251));
        var row = Assert.Single(preview.Rows);
        Assert.True(row.IsValid, string.Join(" ", row.Errors));
        Assert.Equal("Литература, 6 класс", row.Offer.Title);
        Assert.Equal(4, row.Offer.Copies);
    }

    [Fact]
    public void Xlsx_is_read_by_header_names()
    {
        var buffer = new MemoryStream();
        buffer.SaveAs(new[]
        {
            new Dictionary<string, object> { ["Предмет"] = "Биология", ["Название"] = "Биология. 6 класс", ["Год"] = 2020, ["Количество"] = 7, ["ISBN"] = "978-5-09-087604-9" },
            new Dictionary<string, object> { ["Предмет"] = "Биология", ["Название"] = "Биология. 7 класс", ["Год"] = 2020, ["Количество"] = -1, ["ISBN"] = "" },
        });
        buffer.Position = 0;
        var preview = OfferImport.Read(buffer, "fund.xlsx", 2023);
        Assert.Equal(2, preview.Rows.Count);
        Assert.True(preview.Rows[0].IsValid, string.Join(" ", preview.Rows[0].Errors));
        Assert.Equal(7, preview.Rows[0].Offer.Copies);
        Assert.Equal(["Количество экземпляров должно быть больше нуля."], preview.Rows[1].Errors);
    }

    [Fact]
    public void A_file_without_required_columns_says_which_are_missing()
    {
        var preview = Read("Книга;Штук\nМатематика;3\n");
        Assert.False(preview.CanImport);
        Assert.Contains("«Название»", Assert.Single(preview.FileErrors));
        Assert.Contains("«Количество»", preview.FileErrors[0]);
    }

    [Fact]
    public void A_damaged_xlsx_gives_a_russian_message_not_an_exception()
    {
        var preview = OfferImport.Read(new MemoryStream(Encoding.UTF8.GetBytes("not a zip")), "fund.xlsx", 2023);
        Assert.False(preview.CanImport);
        Assert.StartsWith("Файл не удалось прочитать", Assert.Single(preview.FileErrors));
    }

    [Fact]
    public void The_template_is_importable_as_is()
    {
        var preview = OfferImport.Read(new MemoryStream(OfferImport.TemplateCsv()), "template.csv", 2023);
        Assert.True(Assert.Single(preview.Rows).IsValid);
    }
}
