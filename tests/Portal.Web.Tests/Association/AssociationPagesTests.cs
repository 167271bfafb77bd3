using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Accounts;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Association;

public sealed class AssociationPagesTests(AssociationWebFixture app) : IClassFixture<AssociationWebFixture>
{
    private static KeyValuePair<string, string> F(string key, string value) => new(key, value);

    [Theory]
    [InlineData("/meetings")]
    [InlineData("/meetings/edit")]
    [InlineData("/assignments")]
    [InlineData("/plan")]
    [InlineData("/exchange")]
    [InlineData("/exchange/offer")]
    [InlineData("/exchange/import")]
    [InlineData("/exchange/requests")]
    [InlineData("/exchange/summary")]
    [InlineData("/databank")]
    [InlineData("/databank/edit")]
    [InlineData("/deliveries")]
    [InlineData("/deliveries/dashboard")]
    public async Task Every_page_opens_for_the_head_in_russian(string url)
    {
        await app.SchoolsAsync();
        var client = await app.CreateClientAsAsync(Roles.Head);
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("lang=\"ru\"", html);
        var inline = html.IndexOf(" style=\"", StringComparison.Ordinal);
        Assert.True(inline < 0, inline < 0 ? "" : html.Substring(Math.Max(0, inline - 300), 400));
    }

    [Fact]
    public async Task The_seeded_protocol_of_8_september_reads_as_a_russian_protocol_and_exports_to_docx()
    {
        var client = app.CreateAnonymousClient();
        var list = await PortalAppFactory.GetDocumentAsync(client, "/meetings");
        var link = list.QuerySelectorAll("a").First(a => a.TextContent.Contains("от 08.09.2023"));
        var page = await PortalAppFactory.GetDocumentAsync(client, link.GetAttribute("href")!);
        Assert.Equal("ПРОТОКОЛ № 1", page.QuerySelector(".protocol h1")?.TextContent);
        Assert.Equal(10, page.QuerySelectorAll(".protocol-agenda li").Length);
        Assert.Contains("«за» — 29, «против» — нет, «воздержались» — нет", page.QuerySelector(".protocol")!.TextContent);
        Assert.Contains("Козюбченко А.В.", page.QuerySelector(".protocol-signatures")!.TextContent);

        var docx = await client.GetAsync(link.GetAttribute("href") + "?handler=Docx");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        using var word = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false);
        var text = word.MainDocumentPart!.Document!.Body!.InnerText;
        Assert.Contains("ПРОТОКОЛ № 1", text);
        Assert.Contains("По десятому вопросу", text);
        Assert.Contains("Подключение к ресурсам Национальной электронной библиотеки", text);
    }

    [Fact]
    public async Task Adding_a_question_keeps_what_was_typed_and_bad_votes_are_explained_next_to_the_field()
    {
        var client = await app.CreateClientAsAsync(Roles.Head);
        var fields = new List<KeyValuePair<string, string>>
        {
            F("Input.Number", "5"), F("Input.Date", "2024-03-15"), F("Input.Place", "Школа № 3"), F("Input.HeadName", "Щербакова Е.И."),
            F("Input.SecretaryName", "Козюбченко А.В."), F("Input.AttendanceCount", "12"), F("Input.Items[0].Title", "Итоги мониторинга"),
            F("Input.Items[0].Summary", "Доложила о поставках"), F("Input.Items[0].VotesFor", "20"),
        };
        var added = await AssociationWebFixture.PostFormAsync(client, "/meetings/edit", "/meetings/edit?handler=AddItem", fields);
        var form = await AssociationWebFixture.ParseAsync(added);
        Assert.Equal("Итоги мониторинга", form.QuerySelector("#Input_Items_0__Title")?.GetAttribute("value"));
        Assert.Equal("Доложила о поставках", form.QuerySelector("#Input_Items_0__Summary")?.TextContent.Trim());
        Assert.NotNull(form.QuerySelector("#Input_Items_1__Title[autofocus]"));

        var saved = await AssociationWebFixture.PostFormAsync(client, "/meetings/edit", "/meetings/edit", fields);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var errorPage = await AssociationWebFixture.ParseAsync(saved);
        Assert.Contains("проголосовало 20, а присутствовало 12", errorPage.QuerySelector("[data-valmsg-for='Input.Items[0].VotesFor']")?.TextContent);
        Assert.Equal("Школа № 3", errorPage.QuerySelector("#Input_Place")?.GetAttribute("value"));

        fields[^1] = F("Input.Items[0].VotesFor", "12");
        var ok = await AssociationWebFixture.PostFormAsync(client, "/meetings/edit", "/meetings/edit", fields);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Matches("^/meetings/\\d+$", ok.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_librarian_cannot_open_the_protocol_form_or_the_head_dashboards()
    {
        await app.SchoolsAsync();
        var client = await app.CreateClientAsAsync(Roles.Librarian, AssociationWebFixture.LibrarianAEmail);
        foreach (var url in new[] { "/meetings/edit", "/deliveries/dashboard", "/exchange/summary" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
        }
        var anonymous = await app.CreateAnonymousClient().GetAsync("/exchange");
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Import_preview_lists_bad_rows_in_russian_and_saves_only_after_confirmation()
    {
        var (schoolA, _) = await app.SchoolsAsync();
        var client = await app.CreateClientAsAsync(Roles.Librarian, AssociationWebFixture.LibrarianAEmail);
        var token = await PortalAppFactory.GetAntiforgeryTokenAsync(client, "/exchange/import");
        var csv = "Название;Предмет;Класс;Год;ISBN;Количество\n" +
                  "Химия. 8 класс;Химия;8;2020;978-5-09-087604-9;6\n" +
                  "Химия. 9 класс;Химия;9;2020;978-5-09-087604-1;0\n";
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "himiya.csv" },
        };
        var previewResponse = await client.PostAsync("/exchange/import?handler=Preview", upload);
        var preview = await AssociationWebFixture.ParseAsync(previewResponse);
        var rows = preview.QuerySelectorAll(".import-preview tbody tr");
        Assert.Equal(2, rows.Length);
        Assert.Contains("будет загружена", rows[0].TextContent);
        Assert.Contains("Неверная контрольная цифра ISBN-13.", rows[1].TextContent);
        Assert.Contains("Количество экземпляров должно быть больше нуля.", rows[1].TextContent);
        Assert.Equal(0, await app.WithDbAsync(db => db.ExchangeOffers.CountAsync(o => o.Title.StartsWith("Химия"))));

        var confirm = await client.PostAsync("/exchange/import?handler=Confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = preview.QuerySelector("form[action*=Confirm] input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["FileName"] = preview.QuerySelector("#FileName")!.GetAttribute("value")!,
            ["FileData"] = preview.QuerySelector("#FileData")!.GetAttribute("value")!,
        }));
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        var saved = await app.WithDbAsync(db => db.ExchangeOffers.Where(o => o.Title.StartsWith("Химия")).ToListAsync());
        var offer = Assert.Single(saved);
        Assert.Equal((schoolA, 6), (offer.SchoolId, offer.CopiesAvailable));
    }

    [Fact]
    public async Task Requesting_more_than_available_keeps_the_page_and_says_why()
    {
        var (schoolA, _) = await app.SchoolsAsync();
        var offerId = await app.WithDbAsync(async db =>
        {
            var offer = new Portal.Core.Association.Exchange.ExchangeOffer { SchoolId = schoolA, Title = "География. 6 класс", Subject = "География", Year = 2019, CopiesOffered = 2, CopiesAvailable = 2 };
            db.ExchangeOffers.Add(offer);
            await db.SaveChangesAsync();
            return offer.Id;
        });
        var client = await app.CreateClientAsAsync(Roles.Librarian, AssociationWebFixture.LibrarianBEmail);
        var response = await AssociationWebFixture.PostFormAsync(client, "/exchange/offer", "/exchange?handler=Request", [F("offerId", offerId.ToString()), F("copies", "5")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Доступно только 2 экз.; запросите не больше.", await response.Content.ReadAsStringAsync());
        Assert.Equal(2, await app.WithDbAsync(db => db.ExchangeOffers.Where(o => o.Id == offerId).Select(o => o.CopiesAvailable).SingleAsync()));
    }

    [Fact]
    public async Task Personal_data_in_the_databank_is_visible_only_to_the_head()
    {
        await app.SchoolsAsync();
        var a = await app.CreateClientAsAsync(Roles.Librarian, AssociationWebFixture.LibrarianAEmail);
        var saved = await AssociationWebFixture.PostFormAsync(a, "/databank/edit", "/databank/edit",
            [F("Input.FullName", "Иванова Анна Алексеевна"), F("Input.Position", "педагог-библиотекарь"), F("Input.Phone", "+7 918 555-12-34"),
             F("Input.Email", "ivanova@school.test"), F("Input.Education", "высшее педагогическое"), F("Input.ExperienceYears", "20")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var b = await app.CreateClientAsAsync(Roles.Librarian, AssociationWebFixture.LibrarianBEmail);
        var seenByB = await (await b.GetAsync("/databank")).Content.ReadAsStringAsync();
        Assert.Contains("Иванова Анна Алексеевна", seenByB);
        Assert.DoesNotContain("555-12-34", seenByB);
        Assert.DoesNotContain("высшее педагогическое", seenByB);

        var head = await app.CreateClientAsAsync(Roles.Head);
        var seenByHead = await (await head.GetAsync("/databank")).Content.ReadAsStringAsync();
        Assert.Contains("918 555-12-34", seenByHead);
        var csv = Encoding.UTF8.GetString(await head.GetByteArrayAsync("/databank?handler=Export&format=csv"));
        Assert.Contains("ivanova@school.test", csv);
        var forbidden = await b.GetAsync("/databank?handler=Export&format=csv");
        Assert.NotEqual(HttpStatusCode.OK, forbidden.StatusCode);
    }

    [Fact]
    public async Task A_school_reports_a_delivery_and_the_dashboard_and_its_export_show_it()
    {
        var (schoolA, _) = await app.SchoolsAsync();
        var client = await app.CreateClientAsAsync(Roles.Librarian, AssociationWebFixture.LibrarianAEmail);
        var response = await AssociationWebFixture.PostFormAsync(client, "/deliveries", "/deliveries",
            [F("Input.Lines[0].Title", "Окружающий мир. 2 класс"), F("Input.Lines[0].Publisher", "Просвещение"), F("Input.Lines[0].CopiesOrdered", "40"), F("Input.Lines[0].CopiesReceived", "25")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var head = await app.CreateClientAsAsync(Roles.Head);
        var dashboard = await PortalAppFactory.GetDocumentAsync(head, "/deliveries/dashboard");
        var row = dashboard.QuerySelectorAll("table.deliveries tbody tr").First(r => r.TextContent.Contains("Тестовая СОШ № 1"));
        Assert.Contains("сдан", row.TextContent);
        Assert.Contains("62,5 %", row.TextContent);
        Assert.NotNull(dashboard.QuerySelector("svg.chart-svg rect.bar"));
        var other = dashboard.QuerySelectorAll("table.deliveries tbody tr").First(r => r.TextContent.Contains("Тестовая СОШ № 2"));
        Assert.Contains("нет отчёта", other.TextContent);

        var csv = Encoding.UTF8.GetString(await head.GetByteArrayAsync("/deliveries/dashboard?handler=Export&format=csv"));
        Assert.Contains("Тестовая СОШ № 1;сдан;", csv);
        var xlsx = await head.GetAsync("/deliveries/dashboard?handler=Export&format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);

        var tomorrow = await AssociationWebFixture.PostFormAsync(client, "/deliveries", "/deliveries?date=2999-01-01", []);
        Assert.Contains("Нельзя сдать отчёт за день, который ещё не наступил.", await tomorrow.Content.ReadAsStringAsync());
    }
}
