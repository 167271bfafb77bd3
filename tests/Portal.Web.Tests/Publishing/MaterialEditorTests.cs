using System.Net;
using Portal.Core.Accounts;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Publishing;

/// <summary>The portal with a small upload limit, so an oversized file is cheap to send.</summary>
public sealed class SmallUploadFactory : PortalAppFactory
{
    public const int Limit = 4096;

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        [new("Portal:MaxUploadBytes", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture))];
}

public sealed class MaterialEditorTests(SmallUploadFactory app) : IClassFixture<SmallUploadFactory>
{
    private static Dictionary<string, string> Fields(string title, string body, string? slug = null) => new()
    {
        ["Input.Title"] = title,
        ["Input.Category"] = "Учёт фонда",
        ["Input.Tags"] = "списание, учебники",
        ["Input.Summary"] = "Проверка редактора.",
        ["Input.BodyMarkdown"] = body,
        ["Input.Slug"] = slug ?? "",
    };

    [Fact]
    public async Task Script_and_javascript_links_in_a_material_are_rendered_harmless()
    {
        var head = await app.CreateClientAsAsync(Roles.Head);
        const string body = "## Опасный раздел\n\n<script>alert('xss')</script>\n\n[нажми](javascript:alert(1))\n\n<a href=\"javascript:alert(2)\" onclick=\"alert(3)\">ссылка</a>\n\n<img src=x onerror=\"alert(4)\">\n\n| А | Б |\n|---|---|\n| 1 | 2 |";
        var form = await PublishingData.FormAsync(head, "/materials/new", Fields("Материал со скриптом", body, "xss-check"));
        var saved = await head.PostAsync("/materials/new?handler=Publish", form);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/materials/xss-check", saved.Headers.Location!.OriginalString);

        var reader = app.CreateAnonymousClient();
        var page = await PortalAppFactory.GetDocumentAsync(reader, "/materials/xss-check");
        var prose = page.QuerySelector("article .prose")!;
        Assert.Empty(prose.QuerySelectorAll("script"));
        Assert.DoesNotContain("alert('xss')", prose.InnerHtml);
        Assert.All(prose.QuerySelectorAll("[href]"), a => Assert.DoesNotContain("javascript:", a.GetAttribute("href") ?? "", StringComparison.OrdinalIgnoreCase));
        Assert.All(prose.QuerySelectorAll("*"), e => Assert.DoesNotContain(e.Attributes, a => a.Name.StartsWith("on", StringComparison.Ordinal)));
        // The rest of the Markdown still renders: heading with its anchor, and the table.
        Assert.NotNull(prose.QuerySelector("h2[id]"));
        Assert.NotNull(prose.QuerySelector("table td"));
    }

    [Fact]
    public async Task A_disguised_upload_is_refused_in_russian_and_the_form_keeps_its_text()
    {
        var head = await app.CreateClientAsAsync(Roles.Head);
        var before = await app.WithDbAsync(db => Task.FromResult((db.Materials.Count(), db.StoredFiles.Count())));
        var form = await PublishingData.FormAsync(head, "/materials/new", Fields("Материал с программой", "Текст, который нельзя потерять."));
        PublishingData.AddFile(form, "Attachments", "prikaz.pdf", PublishingData.ExeBytes());
        var response = await head.PostAsync("/materials/new?handler=Save", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PublishingData.ParseAsync(response);
        Assert.Contains("не принят", page.QuerySelector("[data-valmsg-for=Attachments]")?.TextContent);
        Assert.Equal("Материал с программой", page.QuerySelector("#Input_Title")?.GetAttribute("value"));
        Assert.Equal("Текст, который нельзя потерять.", page.QuerySelector("#Input_BodyMarkdown")?.TextContent.Trim());
        Assert.Equal(before, await app.WithDbAsync(db => Task.FromResult((db.Materials.Count(), db.StoredFiles.Count()))));
    }

    [Fact]
    public async Task An_oversized_upload_is_refused_in_russian_and_the_form_keeps_its_text()
    {
        var head = await app.CreateClientAsAsync(Roles.Head);
        var form = await PublishingData.FormAsync(head, "/materials/new", Fields("Большой файл", "Текст при большом файле."));
        PublishingData.AddFile(form, "Attachments", "big.pdf", PublishingData.PdfBytes(SmallUploadFactory.Limit * 3), "application/pdf");
        var response = await head.PostAsync("/materials/new?handler=Publish", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PublishingData.ParseAsync(response);
        Assert.Contains("слишком большой", page.QuerySelector("[data-valmsg-for=Attachments]")?.TextContent);
        Assert.Equal("Текст при большом файле.", page.QuerySelector("#Input_BodyMarkdown")?.TextContent.Trim());
    }

    [Fact]
    public async Task A_disguised_original_of_a_document_is_refused_and_the_card_keeps_its_fields()
    {
        var head = await app.CreateClientAsAsync(Roles.Head);
        var form = await PublishingData.FormAsync(head, "/documents/new", new Dictionary<string, string>
        {
            ["Input.Title"] = "О библиотечном фонде",
            ["Input.DocType"] = "Приказ",
            ["Input.Number"] = "42",
            ["Input.Status"] = "InForce",
            ["Input.Text"] = "Текст приказа.",
        });
        PublishingData.AddFile(form, "OriginalFile", "original.docx", PublishingData.ExeBytes());
        var response = await head.PostAsync("/documents/new", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PublishingData.ParseAsync(response);
        Assert.Contains("не принят", page.QuerySelector("[data-valmsg-for=OriginalFile]")?.TextContent);
        Assert.Equal("42", page.QuerySelector("#Input_Number")?.GetAttribute("value"));
        Assert.Equal("Текст приказа.", page.QuerySelector("#Input_Text")?.TextContent.Trim());
    }

    [Fact]
    public async Task A_real_attachment_is_stored_and_served_with_its_type_and_disposition()
    {
        var head = await app.CreateClientAsAsync(Roles.Head);
        var form = await PublishingData.FormAsync(head, "/materials/new", Fields("Материал с приложением", "См. приложение.", "with-attachment"));
        var pdf = PublishingData.PdfBytes();
        PublishingData.AddFile(form, "Attachments", "Акт списания.pdf", pdf, "application/pdf");
        var saved = await head.PostAsync("/materials/new?handler=Publish", form);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var reader = app.CreateAnonymousClient();
        var page = await PortalAppFactory.GetDocumentAsync(reader, "/materials/with-attachment");
        var link = page.QuerySelector(".attachments a")!;
        Assert.Equal("Акт списания.pdf", link.TextContent);
        var file = await reader.GetAsync(link.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("application/pdf", file.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline", file.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains("Акт списания.pdf", file.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(pdf, await file.Content.ReadAsByteArrayAsync());
        var stored = await app.WithDbAsync(db => Task.FromResult(db.StoredFiles.Single(f => f.FileName == "Акт списания.pdf")));
        Assert.DoesNotContain("Акт", stored.StoredName);
        Assert.True(File.Exists(Path.Combine(app.DataDirectory, "files", stored.StoredName)));
    }

    [Fact]
    public async Task Preview_returns_sanitised_html_for_the_script_and_a_whole_page_without_it()
    {
        var head = await app.CreateClientAsAsync(Roles.Head);
        var fields = Fields("Предпросмотр", "## Заголовок\n\n<script>alert(1)</script>текст");
        var fragmentRequest = new HttpRequestMessage(HttpMethod.Post, "/materials/new?handler=Preview") { Content = await PublishingData.FormAsync(head, "/materials/new", fields) };
        fragmentRequest.Headers.Add("X-Preview-Fragment", "1");
        var fragment = await (await head.SendAsync(fragmentRequest)).Content.ReadAsStringAsync();
        Assert.Contains("<h2 id=", fragment);
        Assert.DoesNotContain("<script", fragment);
        Assert.DoesNotContain("<html", fragment);

        var full = await head.PostAsync("/materials/new?handler=Preview", await PublishingData.FormAsync(head, "/materials/new", fields));
        var page = await PublishingData.ParseAsync(full);
        Assert.Equal("Заголовок", page.QuerySelector("[data-preview-target] h2")?.TextContent);
        Assert.Equal("Предпросмотр", page.QuerySelector("#Input_Title")?.GetAttribute("value"));
        Assert.Equal(0, await app.WithDbAsync(db => Task.FromResult(db.Materials.Count(m => m.Title == "Предпросмотр"))));
    }

    [Fact]
    public async Task Revisions_keep_author_and_any_two_can_be_compared()
    {
        var head = await app.CreateClientAsAsync(Roles.Head);
        var first = await PublishingData.FormAsync(head, "/materials/new", Fields("История", "Строка один.\nСтрока два.", "history-check"));
        Assert.Equal(HttpStatusCode.Redirect, (await head.PostAsync("/materials/new?handler=Save", first)).StatusCode);
        var second = await PublishingData.FormAsync(head, "/materials/history-check/edit", Fields("История", "Строка один.\nСтрока три.", "history-check"));
        Assert.Equal(HttpStatusCode.Redirect, (await head.PostAsync("/materials/history-check/edit?handler=Publish", second)).StatusCode);

        var history = await PortalAppFactory.GetDocumentAsync(head, "/materials/history-check/history?from=1&to=2");
        var rows = history.QuerySelectorAll("table.revisions tbody tr");
        Assert.Equal(2, rows.Length);
        Assert.All(rows, r => Assert.Contains(PortalAppFactory.HeadEmail, r.TextContent)); // the test head's full name is their e-mail
        Assert.Equal("Строка два.", history.QuerySelector(".diff del")?.TextContent.Replace("Удалено:", "").Trim());
        Assert.Equal("Строка три.", history.QuerySelector(".diff ins")?.TextContent.Replace("Добавлено:", "").Trim());
    }

    [Fact]
    public async Task Unpublishing_hides_the_material_from_readers()
    {
        var head = await app.CreateClientAsAsync(Roles.Head);
        var form = await PublishingData.FormAsync(head, "/materials/new", Fields("Снимаемый", "Текст.", "unpublish-check"));
        await head.PostAsync("/materials/new?handler=Publish", form);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateAnonymousClient().GetAsync("/materials/unpublish-check")).StatusCode);
        var again = await PublishingData.FormAsync(head, "/materials/unpublish-check/edit", Fields("Снимаемый", "Текст.", "unpublish-check"));
        Assert.Equal(HttpStatusCode.Redirect, (await head.PostAsync("/materials/unpublish-check/edit?handler=Unpublish", again)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateAnonymousClient().GetAsync("/materials/unpublish-check")).StatusCode);
    }

    [Fact]
    public async Task A_taken_or_invalid_slug_is_reported_next_to_the_field()
    {
        await PublishingData.AddMaterialAsync(app, "taken-slug");
        var head = await app.CreateClientAsAsync(Roles.Head);
        foreach (var (slug, expected) in new[] { ("taken-slug", "уже занят"), ("Плохой адрес", "латинские"), ("new", "латинские") })
        {
            var form = await PublishingData.FormAsync(head, "/materials/new", Fields("Дубликат", "Текст дубликата.", slug));
            var response = await head.PostAsync("/materials/new?handler=Save", form);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await PublishingData.ParseAsync(response);
            Assert.Contains(expected, page.QuerySelector("[data-valmsg-for='Input.Slug']")?.TextContent);
            Assert.Equal("Текст дубликата.", page.QuerySelector("#Input_BodyMarkdown")?.TextContent.Trim());
        }
    }

    [Fact]
    public async Task A_save_over_a_newer_revision_is_reported_and_the_text_is_kept_until_saved_again()
    {
        await PublishingData.AddMaterialAsync(app, "concurrent-edit");
        var head = await app.CreateClientAsAsync(Roles.Head);
        var mine = Fields("Материал concurrent-edit", "Мой вариант текста.", "concurrent-edit");
        var myForm = await PublishingData.FormAsync(head, "/materials/concurrent-edit/edit", mine);
        myForm.Add(new StringContent("1"), "Input.BaseRevision");

        var theirs = await PublishingData.FormAsync(head, "/materials/concurrent-edit/edit", Fields("Материал concurrent-edit", "Чужой вариант.", "concurrent-edit"));
        theirs.Add(new StringContent("1"), "Input.BaseRevision");
        Assert.Equal(HttpStatusCode.Redirect, (await head.PostAsync("/materials/concurrent-edit/edit?handler=Save", theirs)).StatusCode);

        var conflict = await head.PostAsync("/materials/concurrent-edit/edit?handler=Save", myForm);
        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var page = await PublishingData.ParseAsync(conflict);
        Assert.Contains("Пока вы редактировали", page.QuerySelector(".form-errors")?.TextContent);
        Assert.Equal("Мой вариант текста.", page.QuerySelector("#Input_BodyMarkdown")?.TextContent.Trim());
        Assert.Equal("2", page.QuerySelector("#Input_BaseRevision")?.GetAttribute("value"));

        var again = await PublishingData.FormAsync(head, "/materials/concurrent-edit/edit", mine);
        again.Add(new StringContent("2"), "Input.BaseRevision");
        Assert.Equal(HttpStatusCode.Redirect, (await head.PostAsync("/materials/concurrent-edit/edit?handler=Save", again)).StatusCode);
        Assert.Equal(3, await app.WithDbAsync(db => Task.FromResult(db.MaterialRevisions.Count(r => r.Material!.Slug == "concurrent-edit"))));
    }

    [Fact]
    public async Task Deleting_a_material_removes_it_its_history_and_its_files()
    {
        var head = await app.CreateClientAsAsync(Roles.Head);
        var form = await PublishingData.FormAsync(head, "/materials/new", Fields("Удаляемый", "Текст.", "delete-check"));
        PublishingData.AddFile(form, "Attachments", "doc.pdf", PublishingData.PdfBytes(), "application/pdf");
        Assert.Equal(HttpStatusCode.Redirect, (await head.PostAsync("/materials/new?handler=Publish", form)).StatusCode);
        var stored = await app.WithDbAsync(db => Task.FromResult(db.StoredFiles.Single(f => f.FileName == "doc.pdf" && f.Owner != null)));

        var delete = await head.PostAsync("/materials/delete-check/edit?handler=Delete", await PublishingData.FormAsync(head, "/materials/delete-check/edit", new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.Redirect, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync("/materials/delete-check")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/files/{stored.Id}")).StatusCode);
        Assert.False(File.Exists(Path.Combine(app.DataDirectory, "files", stored.StoredName)));
        Assert.Equal(0, await app.WithDbAsync(db => Task.FromResult(db.MaterialRevisions.Count(r => r.Material!.Slug == "delete-check"))));
    }
}
