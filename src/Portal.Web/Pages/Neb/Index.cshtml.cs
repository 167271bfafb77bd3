using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Markdown;
using Portal.Core.Neb;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Neb;

public sealed class IndexModel(NebDirectory directory, MarkdownRenderer markdown, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<IGrouping<string, NebResource>> Groups { get; private set; } = [];
    public IReadOnlyDictionary<int, RenderedMarkdown> Guides { get; private set; } = new Dictionary<int, RenderedMarkdown>();
    public bool CanPublish { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        CanPublish = (await authorization.AuthorizeAsync(User, Policies.Publish)).Succeeded;
        Groups = await directory.GroupedAsync(cancellationToken);
        Guides = Groups.SelectMany(g => g).ToDictionary(r => r.Id, r => markdown.Render(r.GuideMarkdown));
    }
}
