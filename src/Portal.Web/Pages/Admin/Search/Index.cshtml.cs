using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Search.Indexing;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Admin.Search;

/// <summary>Index status and a rebuild from the database (administrators).</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class IndexModel(SearchIndex index, SearchIndexingService indexing) : PageModel
{
    public int DocumentCount { get; private set; }
    public SearchIndexingService Indexing => indexing;

    [TempData]
    public string? Message { get; set; }

    public void OnGet() => DocumentCount = index.DocumentCount;

    public IActionResult OnPost()
    {
        indexing.RequestRebuild();
        Message = "Перестройка индекса запущена. Поиск продолжает работать; пока она идёт, результаты могут быть неполными.";
        return RedirectToPage();
    }
}
