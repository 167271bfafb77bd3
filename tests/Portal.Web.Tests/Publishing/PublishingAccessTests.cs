using System.Net;
using Portal.Core.Accounts;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Publishing;

/// <summary>Every write needs the right role; every form needs its antiforgery token.</summary>
public sealed class PublishingAccessTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private async Task<(string[] Pages, (string Url, string Handler)[] Posts)> WriteTargetsAsync()
    {
        var document = await PublishingData.AddDocumentAsync(app, "Документ для проверки прав");
        var material = await PublishingData.AddMaterialAsync(app, "access-" + Guid.NewGuid().ToString("N")[..8]);
        var neb = await PublishingData.AddNebAsync(app, "access-neb-" + Guid.NewGuid().ToString("N")[..8]);
        var user = await app.EnsureUserAsync("target@test.local", Roles.Librarian);
        string[] pages =
        [
            "/documents/new", $"/documents/{document.Id}/edit", "/materials/new", $"/materials/{material.Slug}/edit",
            $"/materials/{material.Slug}/history", "/neb/new", $"/neb/{neb.Id}/edit", "/admin", "/admin/users", "/admin/users/new", $"/admin/users/{user.Id}",
        ];
        (string, string)[] posts =
        [
            ("/documents/new", ""), ($"/documents/{document.Id}/edit", ""), ("/materials/new", "Save"), ("/materials/new", "Publish"),
            ($"/materials/{material.Slug}/edit", "Unpublish"), ($"/materials/{material.Slug}/edit", "Delete"), ("/materials/new", "Preview"), ("/neb/new", ""), ($"/neb/{neb.Id}/edit", "Delete"),
            ("/admin/users/new", ""), ($"/admin/users/{user.Id}", "Lock"), ($"/admin/users/{user.Id}", "Password"),
        ];
        return (pages, posts);
    }

    [Fact]
    public async Task A_librarian_is_refused_every_write_page_and_post()
    {
        var (pages, posts) = await WriteTargetsAsync();
        var librarian = await app.CreateClientAsAsync(Roles.Librarian);
        var token = await PortalAppFactory.GetAntiforgeryTokenAsync(librarian, "/account/login");
        foreach (var url in pages)
        {
            await AssertForbiddenAsync(librarian, await librarian.GetAsync(url), url);
        }
        foreach (var (url, handler) in posts)
        {
            var target = handler.Length == 0 ? url : $"{url}?handler={handler}";
            var response = await librarian.PostAsync(target, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Input.Title"] = "Попытка",
                ["Input.Email"] = "x@test.local",
            }));
            await AssertForbiddenAsync(librarian, response, "POST " + target);
        }
        var neb = await app.WithDbAsync(db => Task.FromResult(db.NebResources.Count()));
        Assert.True(neb > 0, "the librarian's delete must not have removed the resource");
    }

    [Fact]
    public async Task The_head_is_refused_user_administration()
    {
        var head = await app.CreateClientAsAsync(Roles.Head);
        await AssertForbiddenAsync(head, await head.GetAsync("/admin/users"), "/admin/users");
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_login_for_write_pages()
    {
        var (pages, _) = await WriteTargetsAsync();
        var anonymous = app.CreateAnonymousClient();
        foreach (var url in pages)
        {
            var response = await anonymous.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{url}: {response.StatusCode}");
            Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_post_without_antiforgery_token_is_refused_and_changes_nothing()
    {
        var head = await app.CreateClientAsAsync(Roles.Head);
        var before = await app.WithDbAsync(db => Task.FromResult(db.Materials.Count()));
        var response = await head.PostAsync("/materials/new?handler=Publish", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Title"] = "Без токена",
            ["Input.Category"] = "Учёт фонда",
            ["Input.BodyMarkdown"] = "Текст",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await app.WithDbAsync(db => Task.FromResult(db.Materials.Count())));
    }

    /// <summary>Identity answers "forbidden" with a redirect to the denied page, which itself says 403.</summary>
    private static async Task AssertForbiddenAsync(HttpClient client, HttpResponseMessage response, string what)
    {
        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            return;
        }
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{what}: {response.StatusCode}");
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/account/denied", new Uri(new Uri("http://localhost"), location).AbsolutePath, StringComparison.OrdinalIgnoreCase);
        var denied = await client.GetAsync(location);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }
}

public sealed class PublishingRequireLoginTests(RequireLoginFactory app) : IClassFixture<RequireLoginFactory>
{
    [Theory]
    [InlineData("/documents")]
    [InlineData("/materials")]
    [InlineData("/neb")]
    [InlineData("/files/1")]
    public async Task An_anonymous_reader_is_sent_to_login(string url)
    {
        var response = await app.CreateAnonymousClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_signed_in_librarian_reads_the_documents()
    {
        var client = await app.CreateClientAsAsync(Roles.Librarian);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/documents")).StatusCode);
    }
}
