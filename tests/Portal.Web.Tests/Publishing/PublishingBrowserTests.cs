using Microsoft.Playwright;
using Portal.Core.Accounts;
using Portal.Web.Tests.Browser;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Publishing;

[Collection(BrowserCollection.Name)]
public sealed class PublishingBrowserTests(BrowserFixture browser)
{
    private const string Title = "Списание учебников: пошагово для комиссии";
    private const string Body = "Материал о порядке списания учебников.\n\n## Порядок списания\n\nКомиссия проверяет учебники и составляет акт.\n\n| Класс | Учебников к списанию |\n|---|---|\n| 5 | 12 |\n| 6 | 7 |\n";

    [Fact]
    public async Task The_head_writes_previews_and_publishes_a_material_and_a_librarian_reads_it()
    {
        await browser.App.EnsureUserAsync(PortalAppFactory.HeadEmail, Roles.Head, fullName: "Руководитель РМО");
        await browser.App.EnsureUserAsync(PortalAppFactory.LibrarianEmail, Roles.Librarian);
        var page = await browser.NewPageAsync();
        await browser.LoginAsync(page, PortalAppFactory.HeadEmail);
        await page.GotoAsync(browser.BaseUrl + "/materials/new");
        await page.FillAsync("#Input_Title", Title);
        await page.FillAsync("#Input_Category", "Учёт фонда");
        await page.FillAsync("#Input_Tags", "списание, учебники");
        await page.FillAsync("#Input_Summary", "Как оформить акт списания.");
        await page.FillAsync("#Input_BodyMarkdown", Body);
        await page.SetInputFilesAsync("#Attachments", new FilePayload { Name = "Акт списания.pdf", MimeType = "application/pdf", Buffer = PublishingData.PdfBytes() });
        await page.ClickAsync("[data-preview-button]");
        var previewHeading = page.Locator("[data-preview-target] h2", new() { HasText = "Порядок списания" });
        await previewHeading.WaitForAsync();
        Assert.Equal(2, await page.Locator("[data-preview-target] table tbody tr").CountAsync());
        await BrowserFixture.ScreenshotAsync(page, "publishing-editor-preview");

        await page.ClickAsync("button[formaction*='handler=Publish']");
        await page.WaitForURLAsync("**/materials/spisanie-uchebnikov-poshagovo-dlya-komissii");
        Assert.Contains("Материал опубликован", await page.InnerTextAsync(".notice.success"));
        Assert.Equal(1, await page.Locator("article a", new() { HasText = "Акт списания.pdf" }).CountAsync());

        var reader = await browser.NewPageAsync();
        await browser.LoginAsync(reader, PortalAppFactory.LibrarianEmail);
        await reader.GotoAsync(browser.BaseUrl + "/materials");
        await reader.GetByRole(AriaRole.Link, new() { Name = Title, Exact = true }).ClickAsync();
        await reader.WaitForURLAsync("**/materials/spisanie-uchebnikov-poshagovo-dlya-komissii");
        Assert.Equal("Порядок списания", (await reader.InnerTextAsync("article .prose h2")).Trim());
        Assert.Equal("12", (await reader.InnerTextAsync("article .prose table tbody tr:first-child td:last-child")).Trim());
        var attachment = reader.Locator(".attachments a", new() { HasText = "Акт списания.pdf" });
        Assert.Equal(1, await attachment.CountAsync());
        var response = await reader.APIRequest.GetAsync(browser.BaseUrl + await attachment.GetAttributeAsync("href"));
        Assert.Equal(200, response.Status);
        Assert.Equal("application/pdf", response.Headers["content-type"]);
        Assert.Equal(0, await reader.Locator("a[href$='/edit']").CountAsync());
        await BrowserFixture.ScreenshotAsync(reader, "publishing-material-librarian");
        Assert.Empty(await BrowserFixture.SeriousAccessibilityViolationsAsync(reader));
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_in_the_browser_and_the_typed_text_stays()
    {
        await browser.App.EnsureUserAsync(PortalAppFactory.HeadEmail, Roles.Head, fullName: "Руководитель РМО");
        var page = await browser.NewPageAsync();
        await browser.LoginAsync(page, PortalAppFactory.HeadEmail);
        await page.GotoAsync(browser.BaseUrl + "/materials/new");
        await page.FillAsync("#Input_Title", "Черновик с большим файлом");
        await page.FillAsync("#Input_BodyMarkdown", Body);
        var oversized = new byte[20 * 1024 * 1024 + 1];
        PublishingData.PdfBytes().CopyTo(oversized, 0);
        await page.SetInputFilesAsync("#Attachments", new FilePayload { Name = "Скан фонда.pdf", MimeType = "application/pdf", Buffer = oversized });

        await page.ClickAsync("button[formaction*='handler=Publish']");

        Assert.EndsWith("/materials/new", page.Url);
        var message = await page.EvalOnSelectorAsync<string>("#Attachments", "input => input.validationMessage");
        Assert.Contains("«Скан фонда.pdf» слишком большой", message);
        Assert.Contains("20", message);
        Assert.Equal("Черновик с большим файлом", await page.InputValueAsync("#Input_Title"));
        Assert.Equal(Body, await page.InputValueAsync("#Input_BodyMarkdown"));
    }

    [Fact]
    public async Task A_phone_shows_the_document_list_and_a_document_without_horizontal_scrolling()
    {
        var document = await PublishingData.AddDocumentAsync(browser.App,
            "Об утверждении федерального перечня учебников, допущенных к использованию при реализации имеющих государственную аккредитацию образовательных программ начального общего, основного общего, среднего общего образования организациями, осуществляющими образовательную деятельность",
            "Текст документа с очень длинным адресом https://example.org/a/very/long/path/without/any/spaces/that/could/overflow/the/phone/screen/if/not/wrapped и обычными словами.");
        var (title, text) = PublishingData.RealActWithArticles();
        var act = await PublishingData.AddDocumentAsync(browser.App, title, text);
        var page = await browser.NewPageAsync(375, 740);
        foreach (var (url, name) in new[] { ("/documents", "publishing-phone-documents"), ($"/documents/{document.Id}", "publishing-phone-document"), ($"/documents/{act.Id}", "publishing-phone-real-act") })
        {
            await page.GotoAsync(browser.BaseUrl + url);
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
            // A long act makes a full-page picture too tall to look at: the first screen is what matters.
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png"), FullPage = url == "/documents" });
            Assert.True(widths[0] <= widths[1], $"{url}: scrollWidth {widths[0]} > innerWidth {widths[1]}");
        }
        // The real act got its table of contents, and its links lead to the headings.
        var tocLinks = page.Locator(".toc a");
        Assert.True(await tocLinks.CountAsync() >= 4);
        var target = (await tocLinks.Nth(1).GetAttributeAsync("href"))!;
        Assert.Equal(1, await page.Locator(target).CountAsync());
        await tocLinks.Nth(1).ClickAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "publishing-phone-real-act-article.png") });
        Assert.Empty(await BrowserFixture.SeriousAccessibilityViolationsAsync(page));
    }

    [Fact]
    public async Task The_print_view_of_a_document_keeps_requisites_and_text_and_drops_the_navigation()
    {
        var document = await PublishingData.AddDocumentAsync(browser.App, "Документ для печати", "Пункт первый.\n\nПункт второй.");
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{browser.BaseUrl}/documents/{document.Id}");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.False(await page.IsVisibleAsync(".site-header"));
        Assert.False(await page.IsVisibleAsync(".provenance"));
        Assert.False(await page.IsVisibleAsync("button[data-print]"));
        Assert.True(await page.IsVisibleAsync(".requisites"));
        Assert.True(await page.IsVisibleAsync(".document-text"));
        Assert.True(await page.IsVisibleAsync(".print-only"));
        await BrowserFixture.ScreenshotAsync(page, "publishing-print-document");
    }

    [Fact]
    public async Task Every_publishing_route_has_no_serious_accessibility_violation()
    {
        var app = browser.App;
        var document = await PublishingData.AddDocumentAsync(app, "Документ для проверки доступности", "Первая редакция.\n\nАбзац.", "Вторая редакция.\n\nАбзац.");
        var material = await PublishingData.AddMaterialAsync(app, "a11y-material", body: "## Раздел один\n\nТекст.\n\n## Раздел два\n\n| А | Б |\n|---|---|\n| 1 | 2 |\n\n## Раздел три\n\nТекст.");
        await app.WithDbAsync(async db =>
        {
            db.MaterialRevisions.Add(new Portal.Core.Materials.MaterialRevision { MaterialId = material.Id, Number = 2, Title = material.Title, BodyMarkdown = material.BodyMarkdown + "\n\nДобавлено.", AuthorName = "test" });
            return await db.SaveChangesAsync();
        });
        var neb = await PublishingData.AddNebAsync(app, "a11y-neb");
        var user = await app.EnsureUserAsync("a11y-user@test.local", Roles.Librarian);
        var page = await browser.NewPageAsync();
        await browser.LoginAsync(page, PortalAppFactory.AdminEmail);
        string[] urls =
        [
            "/", "/documents", $"/documents/{document.Id}", $"/documents/{document.Id}/diff?from=1&to=2", "/documents/new", $"/documents/{document.Id}/edit",
            "/materials", $"/materials/{material.Slug}", "/materials/new", $"/materials/{material.Slug}/edit", $"/materials/{material.Slug}/history?from=1&to=2",
            "/neb", "/neb/new", $"/neb/{neb.Id}/edit", "/admin", "/admin/users", "/admin/users/new", $"/admin/users/{user.Id}",
        ];
        var problems = new List<string>();
        foreach (var url in urls)
        {
            await page.GotoAsync(browser.BaseUrl + url);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await BrowserFixture.ScreenshotAsync(page, "publishing" + url.Split('?')[0].Replace('/', '-').TrimEnd('-'));
            problems.AddRange((await BrowserFixture.SeriousAccessibilityViolationsAsync(page)).Select(v => url + " → " + v));
        }
        Assert.Empty(problems);
    }
}
