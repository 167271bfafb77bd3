using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Crawling;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Admin.Crawl;

[Authorize(Policy = Policies.Administer)]
public sealed class RunModel(CrawlSourceService service) : PageModel
{
    public CrawlRun Run { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var run = await service.RunWithErrorsAsync(id, cancellationToken);
        if (run is null)
        {
            return NotFound();
        }
        Run = run;
        return Page();
    }
}
