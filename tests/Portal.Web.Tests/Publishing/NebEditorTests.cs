using System.Net;
using Portal.Core.Accounts;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Publishing;

public sealed class NebEditorTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private static Dictionary<string, string> Resource(string url) => new()
    {
        ["Input.Title"] = "Электронный читальный зал НЭБ",
        ["Input.Category"] = "Доступ для читателей",
        ["Input.Url"] = url,
        ["Input.Description"] = "Чтение изданий, охраняемых авторским правом.",
        ["Input.GuideMarkdown"] = "## Шаг 1\n\nЗарегистрируйте читателя.\n\n<script>alert(1)</script>",
        ["Input.SortOrder"] = "10",
    };

    [Fact]
    public async Task The_head_adds_a_resource_and_readers_see_it_in_its_category_with_a_safe_guide()
    {
        var head = await app.CreateClientAsAsync(Roles.Head);
        var saved = await head.PostAsync("/neb/new", await PublishingData.FormAsync(head, "/neb/new", Resource("https://rusneb.example/ezr")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.StartsWith("/neb#", saved.Headers.Location!.OriginalString);

        var page = await PortalAppFactory.GetDocumentAsync(app.CreateAnonymousClient(), "/neb");
        var section = page.QuerySelectorAll("section.neb-category").Single(s => s.QuerySelector("h2")!.TextContent == "Доступ для читателей");
        var card = section.QuerySelector("article.neb-resource")!;
        Assert.Equal("Электронный читальный зал НЭБ", card.QuerySelector("h3")?.TextContent);
        Assert.Equal("https://rusneb.example/ezr", card.QuerySelector("a[rel]")?.GetAttribute("href"));
        Assert.Equal("Шаг 1", card.QuerySelector(".guide h2")?.TextContent);
        Assert.Empty(card.QuerySelectorAll("script"));
    }

    [Fact]
    public async Task A_javascript_address_is_refused_next_to_the_field()
    {
        var head = await app.CreateClientAsAsync(Roles.Head);
        var response = await head.PostAsync("/neb/new", await PublishingData.FormAsync(head, "/neb/new", Resource("javascript:alert(1)")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PublishingData.ParseAsync(response);
        Assert.Contains("https://", page.QuerySelector("[data-valmsg-for='Input.Url']")?.TextContent);
        Assert.Equal("Электронный читальный зал НЭБ", page.QuerySelector("#Input_Title")?.GetAttribute("value"));
    }

    [Fact]
    public async Task The_guide_preview_answers_with_a_sanitised_fragment()
    {
        var head = await app.CreateClientAsAsync(Roles.Head);
        var request = new HttpRequestMessage(HttpMethod.Post, "/neb/new?handler=Preview") { Content = await PublishingData.FormAsync(head, "/neb/new", Resource("https://rusneb.example")) };
        request.Headers.Add("X-Preview-Fragment", "1");
        var fragment = await (await head.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains("Шаг 1</h2>", fragment);
        Assert.DoesNotContain("<script", fragment);
    }
}
