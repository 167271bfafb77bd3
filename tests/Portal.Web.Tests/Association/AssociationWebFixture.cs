using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Portal.Core.Accounts;
using Portal.Core.Schools;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Association;

/// <summary>The portal with two schools of its own and a librarian in each (the district's list is seeded by another feature).</summary>
public sealed class AssociationWebFixture : PortalAppFactory
{
    public const string LibrarianAEmail = "lib-a@test.local";
    public const string LibrarianBEmail = "lib-b@test.local";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (int A, int B)? _schools;

    public async Task<(int A, int B)> SchoolsAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_schools is null)
            {
                var ids = await WithDbAsync(async db =>
                {
                    var a = new School { Slug = "test-sosh-a-" + Guid.NewGuid().ToString("N")[..6], Name = "МБОУ Тестовая СОШ № 1", ShortName = "Тестовая СОШ № 1" };
                    var b = new School { Slug = "test-sosh-b-" + Guid.NewGuid().ToString("N")[..6], Name = "МБОУ Тестовая СОШ № 2", ShortName = "Тестовая СОШ № 2" };
                    db.Schools.AddRange(a, b);
                    await db.SaveChangesAsync();
                    return (a.Id, b.Id);
                });
                await EnsureUserAsync(LibrarianAEmail, Roles.Librarian, ids.Item1, "Иванова Анна Алексеевна");
                await EnsureUserAsync(LibrarianBEmail, Roles.Librarian, ids.Item2, "Петрова Бэлла Борисовна");
                _schools = ids;
            }
            return _schools.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pageUrl, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = await GetAntiforgeryTokenAsync(client, pageUrl);
        return await client.PostAsync(action, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
    }
}
