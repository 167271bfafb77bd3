using System.Net;
using Portal.Core.Accounts;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Publishing;

public sealed class DocumentEditionTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private static Dictionary<string, string> Card(string text, string status = "InForce") => new()
    {
        ["Input.Title"] = "О порядке списания учебников",
        ["Input.DocType"] = "Приказ",
        ["Input.Number"] = "15-у",
        ["Input.Date"] = "2023-09-08",
        ["Input.Issuer"] = "Управление образования",
        ["Input.Status"] = status,
        ["Input.SourceUrl"] = "https://example.org/prikaz-15",
        ["Input.Text"] = text,
    };

    [Fact]
    public async Task The_head_creates_a_card_and_a_changed_text_becomes_a_new_edition_with_a_diff()
    {
        var head = await app.CreateClientAsAsync(Roles.Head);
        var created = await head.PostAsync("/documents/new", await PublishingData.FormAsync(head, "/documents/new", Card("Пункт 1. Списать.\n\nПункт 2. Утвердить акт.")));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = created.Headers.Location!.OriginalString;
        var id = int.Parse(url.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);

        var edited = await head.PostAsync($"/documents/{id}/edit", await PublishingData.FormAsync(head, $"/documents/{id}/edit", Card("Пункт 1. Списать.\n\nПункт 2. Утвердить акт комиссией.", "Repealed")));
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);

        var reader = app.CreateAnonymousClient();
        var page = await PortalAppFactory.GetDocumentAsync(reader, url);
        var requisites = page.QuerySelector(".requisites")!.TextContent;
        Assert.Contains("Приказ", requisites);
        Assert.Contains("№ 15-у", requisites);
        Assert.Contains("8 сентября 2023 г.", requisites);
        Assert.Contains("утратил силу", requisites);
        Assert.Equal("https://example.org/prikaz-15", page.QuerySelector(".requisites a")?.GetAttribute("href"));
        Assert.Equal(2, page.QuerySelectorAll(".provenance tbody tr").Length);
        Assert.Contains("Утвердить акт комиссией", page.QuerySelector(".document-text")!.TextContent);

        var diffLink = page.QuerySelector(".provenance a[href*='/diff']")!.GetAttribute("href");
        var diff = await PortalAppFactory.GetDocumentAsync(reader, diffLink!);
        Assert.Contains("комиссией", diff.QuerySelector(".diff ins")?.TextContent);
        Assert.Contains("Утвердить акт.", diff.QuerySelector(".diff del")?.TextContent);
    }

    [Fact]
    public async Task A_bad_source_address_is_reported_and_nothing_is_lost()
    {
        var head = await app.CreateClientAsAsync(Roles.Head);
        var card = Card("Текст, который остаётся.");
        card["Input.SourceUrl"] = "javascript:alert(1)";
        card["Input.Title"] = "";
        var response = await head.PostAsync("/documents/new", await PublishingData.FormAsync(head, "/documents/new", card));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PublishingData.ParseAsync(response);
        Assert.Contains("http", page.QuerySelector("[data-valmsg-for='Input.SourceUrl']")?.TextContent);
        Assert.Contains("Введите название", page.QuerySelector("[data-valmsg-for='Input.Title']")?.TextContent);
        Assert.Equal("Текст, который остаётся.", page.QuerySelector("#Input_Text")?.TextContent.Trim());
    }
}
