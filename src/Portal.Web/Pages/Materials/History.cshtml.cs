using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Common;
using Portal.Core.Materials;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Materials;

/// <summary>Every saved revision with author and time; any two compared side by side.</summary>
[Authorize(Policy = Policies.Publish)]
public sealed class HistoryModel(MaterialLibrary library) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? From { get; set; }
    [BindProperty(SupportsGet = true)] public int? To { get; set; }

    public Material Material { get; private set; } = null!;
    public IReadOnlyList<MaterialRevision> Revisions { get; private set; } = [];
    public MaterialRevision? Older { get; private set; }
    public MaterialRevision? Newer { get; private set; }
    public TextDiffResult? Diff { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var material = await library.GetAsync(slug, cancellationToken);
        if (material is null)
        {
            return NotFound();
        }
        Material = material;
        Revisions = await library.RevisionsAsync(material.Id, cancellationToken);
        if (From is { } from && To is { } to)
        {
            // Whatever order the two were picked in, the older one is on the left.
            var a = Revisions.FirstOrDefault(r => r.Number == Math.Min(from, to));
            var b = Revisions.FirstOrDefault(r => r.Number == Math.Max(from, to));
            if (a is null || b is null)
            {
                return NotFound();
            }
            (Older, Newer) = (a, b);
            Diff = MaterialLibrary.Compare(a, b);
        }
        else if (Revisions.Count >= 2)
        {
            (From, To) = (Revisions[1].Number, Revisions[0].Number);
        }
        return Page();
    }
}
