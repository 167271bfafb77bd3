using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Files;
using Portal.Core.Markdown;
using Portal.Core.Materials;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Materials;

public sealed class DetailsModel(MaterialLibrary library, FileStorage files, MarkdownRenderer markdown, IAuthorizationService authorization) : PageModel
{
    public Material Material { get; private set; } = null!;
    public RenderedMarkdown Body { get; private set; } = null!;
    public IReadOnlyList<StoredFile> Attachments { get; private set; } = [];
    public bool CanPublish { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var material = await library.GetAsync(slug, cancellationToken);
        CanPublish = (await authorization.AuthorizeAsync(User, Policies.Publish)).Succeeded;
        // A draft does not exist for readers.
        if (material is null || (!material.IsPublished && !CanPublish))
        {
            return NotFound();
        }
        Material = material;
        Body = markdown.Render(material.BodyMarkdown);
        Attachments = await files.ListAsync(FileStorage.OwnerOf(MaterialLibrary.FileOwnerKind, material.Id), cancellationToken);
        return Page();
    }
}
