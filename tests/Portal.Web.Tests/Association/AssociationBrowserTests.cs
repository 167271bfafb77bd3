using System.Text;
using Microsoft.Playwright;
using Portal.Core.Accounts;
using Portal.Core.Schools;
using Portal.Web.Tests.Browser;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Association;

/// <summary>The association's main journeys in real Chromium, with screenshots and axe-core on every page visited.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AssociationBrowserTests(BrowserFixture browser)
{
    private async Task<(int A, int B, string EmailA, string EmailB)> SchoolsAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var ids = await browser.App.WithDbAsync(async db =>
        {
            var a = new School { Slug = "br-a-" + suffix, Name = "МБОУ Приморская СОШ " + suffix, ShortName = "Приморская СОШ " + suffix };
            var b = new School { Slug = "br-b-" + suffix, Name = "МБОУ Покровская СОШ " + suffix, ShortName = "Покровская СОШ " + suffix };
            db.Schools.AddRange(a, b);
            await db.SaveChangesAsync();
            return (a.Id, b.Id);
        });
        var emailA = $"lib-a-{suffix}@test.local";
        var emailB = $"lib-b-{suffix}@test.local";
        await browser.App.EnsureUserAsync(emailA, Roles.Librarian, ids.Item1, "Иванова Анна Алексеевна");
        await browser.App.EnsureUserAsync(emailB, Roles.Librarian, ids.Item2, "Петрова Бэлла Борисовна");
        await browser.App.EnsureUserAsync(PortalAppFactory.HeadEmail, Roles.Head, fullName: "Щербакова Е.И.");
        return (ids.Item1, ids.Item2, emailA, emailB);
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var violations = await BrowserFixture.SeriousAccessibilityViolationsAsync(page);
        Assert.True(violations.Count == 0, page.Url + ": " + string.Join("\n", violations));
    }

    [Fact]
    public async Task The_head_enters_a_protocol_during_a_meeting_and_prints_it()
    {
        await SchoolsAsync();
        var page = await browser.NewPageAsync();
        await browser.LoginAsync(page, PortalAppFactory.HeadEmail);
        await page.GotoAsync(browser.BaseUrl + "/meetings/edit");
        await page.FillAsync("#Input_Number", "2");
        await page.FillAsync("#Input_Date", "2023-12-15");
        await page.FillAsync("#Input_Place", "МБОУ ДОД «ЦВР» Неклиновского района");
        await page.FillAsync("#Input_SecretaryName", "Козюбченко А.В.");
        await page.FillAsync("#Input_AttendanceCount", "27");
        await page.FillAsync("#Input_Items_0__Title", "Школьный информационно-библиотечный центр: функции и услуги");
        await page.FillAsync("#Input_Items_0__Speakers", "Щербакова Е.И.");
        await page.FillAsync("#Input_Items_0__Summary", "Рассказала о модели ШИБЦ и о том, какие услуги библиотека может оказывать ученикам.");
        await page.ClickAsync("[data-unanimous='0']");
        await page.FillAsync("#Input_Items_0__Decision", "Изучить модель ШИБЦ и подготовить предложения по своей школе.");
        await page.ClickAsync("button:has-text('Добавить поручение')");
        // What was typed survives the round trip, and the new assignment field has the focus.
        Assert.Equal("27", await page.InputValueAsync("#Input_Items_0__VotesFor"));
        Assert.Equal("Input_Items_0__Assignments_0__Text", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.FillAsync("#Input_Items_0__Assignments_0__Text", "Подготовить предложения по развитию ШИБЦ");
        await page.FillAsync("#Input_Items_0__Assignments_0__Assignee", "все педагоги-библиотекари");
        await page.FillAsync("#Input_Items_0__Assignments_0__Deadline", "2024-02-01");
        await page.ClickAsync("button:has-text('Добавить вопрос')");
        Assert.Equal("Input_Items_1__Title", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.TypeAsync("Подключение к НЭБ: итоги");
        await page.FillAsync("#Input_Items_1__Decision", "Принять к сведению.");
        await BrowserFixture.ScreenshotAsync(page, "association-protocol-form");
        await AssertAccessibleAsync(page);

        await page.ClickAsync("button.primary:has-text('Сохранить протокол')");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/meetings/\\d+$"));
        Assert.Equal("ПРОТОКОЛ № 2", await page.TextContentAsync(".protocol h1"));
        var protocol = await page.TextContentAsync(".protocol") ?? "";
        Assert.Contains("«за» — 27, «против» — нет, «воздержались» — нет", protocol);
        Assert.Contains("Подготовить предложения по развитию ШИБЦ — все педагоги-библиотекари, срок: до 01.02.2024", protocol);
        await AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "association-protocol-view");

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.False(await page.IsVisibleAsync(".site-header"));
        Assert.False(await page.IsVisibleAsync("[data-print]"));
        Assert.True(await page.IsVisibleAsync(".protocol-signatures"));
        await BrowserFixture.ScreenshotAsync(page, "association-protocol-print");
        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "association-protocol.pdf") });
        Assert.True(pdf.Length > 1000);

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("text=Скачать DOCX"));
        Assert.EndsWith(".docx", download.SuggestedFilename);
    }

    [Fact]
    public async Task A_librarian_offers_textbooks_from_a_file_another_requests_them_and_the_first_accepts_part()
    {
        var (_, _, emailA, emailB) = await SchoolsAsync();
        var title = "Математика. 5 класс " + Guid.NewGuid().ToString("N")[..4];
        var a = await browser.NewPageAsync();
        await browser.LoginAsync(a, emailA);
        await a.GotoAsync(browser.BaseUrl + "/exchange/import");
        await AssertAccessibleAsync(a);
        var csv = "Название;Авторы;Предмет;Класс;Издательство;Год;ISBN;Количество;Состояние\n" +
                  $"{title};Мерзляк А.Г., Полонский В.Б.;Математика;5;Просвещение;2021;978-5-09-087604-9;8;хорошее\n" +
                  "Физика. 7 класс;Перышкин А.В.;Физика;7;Дрофа;1975;;4;\n";
        await a.SetInputFilesAsync("#file", new FilePayload { Name = "fond.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await a.ClickAsync("button:has-text('Показать, что будет загружено')");
        Assert.Contains("Год издания должен быть от 1980", await a.TextContentAsync(".import-preview") ?? "");
        await AssertAccessibleAsync(a);
        await BrowserFixture.ScreenshotAsync(a, "association-exchange-import-preview");
        await a.ClickAsync("button:has-text('Загрузить 1 поз. в фонд')");
        Assert.Contains("В обменный фонд добавлено позиций: 1. Строк с ошибками пропущено: 1.", await a.TextContentAsync("main") ?? "");

        var b = await browser.NewPageAsync();
        await browser.LoginAsync(b, emailB);
        await b.GotoAsync(browser.BaseUrl + "/exchange");
        await b.FillAsync("#q", title.Split(' ')[^1] + " Мерзляк");
        await b.ClickAsync(".exchange-search button[type=submit]");
        var row = b.Locator("table.exchange-table tbody tr", new() { HasText = title });
        await row.Locator("input[name=copies]").FillAsync("5");
        await row.Locator("button:has-text('Запросить')").ClickAsync();
        Assert.Contains("Заявка на 5 экз. отправлена", await b.TextContentAsync("main") ?? "");
        await AssertAccessibleAsync(b);

        await a.GotoAsync(browser.BaseUrl + "/exchange/requests");
        var request = a.Locator("table.requests tbody tr", new() { HasText = title });
        await request.Locator("input[name=copies]").FillAsync("3");
        await request.Locator("input[name=note]").FillAsync("Остальные нужны нам самим");
        await request.Locator("button:has-text('Передать часть')").ClickAsync();
        Assert.Contains("передаётся 3 экз.", await a.TextContentAsync("main") ?? "");
        await AssertAccessibleAsync(a);
        await BrowserFixture.ScreenshotAsync(a, "association-exchange-requests-offering-school");

        await b.GotoAsync(browser.BaseUrl + "/exchange/requests");
        var mine = b.Locator("table.requests tbody tr", new() { HasText = title });
        Assert.Contains("принята частично", await mine.TextContentAsync() ?? "");
        await mine.Locator("summary").ClickAsync();
        Assert.Contains("Передаётся 3 из 5 экз. Остальные нужны нам самим", await mine.TextContentAsync() ?? "");
        await BrowserFixture.ScreenshotAsync(b, "association-exchange-requests-requesting-school");

        await b.GotoAsync(browser.BaseUrl + "/exchange?q=" + Uri.EscapeDataString(title));
        Assert.Contains("5 из 8", await b.Locator("table.exchange-table tbody tr", new() { HasText = title }).TextContentAsync() ?? "");
    }

    [Fact]
    public async Task A_school_reports_a_delivery_and_the_heads_dashboard_shows_it()
    {
        var (schoolA, _, emailA, _) = await SchoolsAsync();
        var page = await browser.NewPageAsync();
        await browser.LoginAsync(page, emailA);
        await page.GotoAsync(browser.BaseUrl + "/deliveries");
        await page.FillAsync("#Input_Lines_0__Title", "Русский язык. 3 класс");
        await page.FillAsync("#Input_Lines_0__Publisher", "Просвещение");
        await page.FillAsync("#Input_Lines_0__CopiesOrdered", "60");
        await page.FillAsync("#Input_Lines_0__CopiesReceived", "45");
        await page.FillAsync("#Input_Lines_1__Title", "Литературное чтение. 3 класс");
        await page.FillAsync("#Input_Lines_1__CopiesOrdered", "60");
        await page.FillAsync("#Input_Lines_1__CopiesReceived", "70");
        await page.ClickAsync("form[data-delivery-form] button.primary");
        // Over-delivery is refused with the line number; what was typed stays.
        Assert.Contains("Строка 2: получено больше, чем заказано (60).", await page.TextContentAsync("main") ?? "");
        Assert.Equal("Литературное чтение. 3 класс", await page.InputValueAsync("#Input_Lines_1__Title"));
        await page.FillAsync("#Input_Lines_1__CopiesReceived", "15");
        // Enter moves to the next «received» field; Ctrl+Enter hands the report in.
        await page.FocusAsync("#Input_Lines_0__CopiesReceived");
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("Input_Lines_1__CopiesReceived", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.PressAsync("Control+Enter");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Contains("сохранён", await page.TextContentAsync("main") ?? "");
        await AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "association-delivery-form");

        var head = await browser.NewPageAsync(1280, 1100);
        await browser.LoginAsync(head, PortalAppFactory.HeadEmail);
        await head.GotoAsync(browser.BaseUrl + "/deliveries/dashboard");
        var row = head.Locator($"table.deliveries tbody tr:has(a[href*='school={schoolA}&'])");
        var text = await row.TextContentAsync() ?? "";
        Assert.Contains("сдан", text);
        Assert.Contains("50 %", text);
        Assert.True(await head.Locator("svg.chart-svg rect.bar").CountAsync() >= 30);
        await AssertAccessibleAsync(head);
        await BrowserFixture.ScreenshotAsync(head, "association-delivery-dashboard");
    }
}

/// <summary>axe-core on the association's remaining pages, as the head (who sees every control) and as a librarian.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AssociationAccessibilityTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(PortalAppFactory.HeadEmail, "Руководитель", "/meetings", "/plan", "/assignments", "/exchange", "/exchange/offer", "/exchange/summary", "/databank", "/databank/edit")]
    [InlineData("axe-librarian@test.local", "Библиотекарь", "/plan", "/assignments", "/exchange", "/exchange/requests", "/databank", "/databank/edit", "/deliveries")]
    public async Task Pages_have_no_serious_accessibility_violations(string email, string role, params string[] urls)
    {
        await browser.App.EnsureUserAsync(email, role);
        var page = await browser.NewPageAsync();
        await browser.LoginAsync(page, email);
        foreach (var url in urls)
        {
            var response = await page.GotoAsync(browser.BaseUrl + url);
            Assert.True(response?.Ok, url);
            var violations = await BrowserFixture.SeriousAccessibilityViolationsAsync(page);
            Assert.True(violations.Count == 0, url + ": " + string.Join("\n", violations));
        }
        await page.GotoAsync(browser.BaseUrl + "/plan");
        await BrowserFixture.ScreenshotAsync(page, "association-plan-" + (role == "Руководитель" ? "head" : "librarian"));
    }
}
