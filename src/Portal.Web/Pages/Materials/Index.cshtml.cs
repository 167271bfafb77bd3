using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Materials;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Materials;

public sealed class IndexModel(MaterialLibrary library, IAuthorizationService authorization) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tag { get; set; }

    public IReadOnlyList<MaterialListItem> Items { get; private set; } = [];
    public IReadOnlyList<MaterialListItem> Drafts { get; private set; } = [];
    public IReadOnlyList<(string Name, int Count)> Categories { get; private set; } = [];
    public IReadOnlyList<(string Name, int Count)> Tags { get; private set; } = [];
    public bool CanPublish { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        CanPublish = (await authorization.AuthorizeAsync(User, Policies.Publish)).Succeeded;
        Items = await library.ListAsync(Category, Tag, includeDrafts: false, cancellationToken);
        (Categories, Tags) = await library.FacetsAsync(cancellationToken);
        if (CanPublish)
        {
            Drafts = (await library.ListAsync(null, null, includeDrafts: true, cancellationToken)).Where(m => !m.IsPublished).ToList();
        }
    }

    public string FilterUrl(string? category, string? tag) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/materials",
            new Dictionary<string, string?> { ["category"] = category, ["tag"] = tag }.Where(p => p.Value is not null)!);
}
