using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Crawling;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Admin.Crawl;

[Authorize(Policy = Policies.Administer)]
public sealed class IndexModel(CrawlSourceService service) : PageModel
{
    public IReadOnlyList<CrawlSourceRow> Sources { get; private set; } = [];
    public IReadOnlyList<CrawlRun> Runs { get; private set; } = [];
    public int RunsTotal { get; private set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    [TempData]
    public string? Message { get; set; }

    public int PageCount => Math.Max(1, (RunsTotal + CrawlSourceService.RunsPerPage - 1) / CrawlSourceService.RunsPerPage);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Sources = await service.ListAsync(cancellationToken);
        (Runs, RunsTotal) = await service.RunsAsync(PageNumber, cancellationToken);
    }

    public async Task<IActionResult> OnPostRunAsync(int id, CancellationToken cancellationToken)
    {
        if (!await service.RequestRunAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Message = "Обход поставлен в очередь: он начнётся в течение минуты. Обновите страницу, чтобы увидеть его в истории.";
        return RedirectToPage();
    }
}
