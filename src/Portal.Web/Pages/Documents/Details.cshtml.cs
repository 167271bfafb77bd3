using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Documents;

namespace Portal.Web.Pages.Documents;

public sealed class DetailsModel(DocumentCatalog catalog) : PageModel
{
    public NormativeDocument Document { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var document = await catalog.GetAsync(id, cancellationToken);
        if (document is null)
        {
            return NotFound();
        }
        Document = document;
        return Page();
    }
}
