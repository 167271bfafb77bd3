using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Documents;
using Portal.Core.Materials;

namespace Portal.Web.Pages;

public sealed class IndexModel(MaterialLibrary materials, DocumentCatalog documents) : PageModel
{
    public IReadOnlyList<MaterialListItem> LatestMaterials { get; private set; } = [];
    public IReadOnlyList<DocumentListItem> LatestDocuments { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        LatestMaterials = await materials.LatestAsync(6, cancellationToken);
        LatestDocuments = await documents.LatestAsync(6, cancellationToken);
    }
}
