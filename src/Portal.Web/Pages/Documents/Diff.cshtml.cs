using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Common;
using Portal.Core.Documents;

namespace Portal.Web.Pages.Documents;

public sealed class DiffModel(DocumentCatalog catalog) : PageModel
{
    public NormativeDocument Document { get; private set; } = null!;
    public DocumentEdition From { get; private set; } = null!;
    public DocumentEdition To { get; private set; } = null!;
    public TextDiffResult Diff { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, int from, int to, CancellationToken cancellationToken)
    {
        var document = await catalog.GetAsync(id, cancellationToken);
        var older = await catalog.GetEditionAsync(id, from, cancellationToken);
        var newer = await catalog.GetEditionAsync(id, to, cancellationToken);
        if (document is null || older is null || newer is null)
        {
            return NotFound();
        }
        (Document, From, To) = (document, older, newer);
        Diff = TextDiff.Compare(older.Text, newer.Text);
        return Page();
    }
}
