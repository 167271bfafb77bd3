using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Data;
using Portal.Core.Search.Indexing;
using Portal.Core.Search.Outbox;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Admin.Search;

/// <summary>Index status, items the index refused, and a rebuild from the database (administrators).</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class IndexModel(SearchIndex index, SearchIndexer indexer, SearchIndexingService indexing, PortalDbContext db) : PageModel
{
    private const int SetAsideShown = 100;

    public int DocumentCount { get; private set; }
    public bool IsRebuilding => index.IsRebuilding;
    public (DateTime At, int Count)? LastRebuild => indexer.LastRebuild;
    public string? LastError => indexing.LastError;
    public IReadOnlyList<SearchOutboxEntry> SetAside { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        DocumentCount = index.DocumentCount;
        SetAside = await SearchIndexer.SetAsideAsync(db, SetAsideShown, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await indexing.RequestRebuildAsync(db, cancellationToken);
        Message = "Перестройка индекса запущена. Новый индекс строится рядом с действующим: поиск работает по прежнему индексу и переключится на новый, когда он будет готов.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRetryAsync(CancellationToken cancellationToken)
    {
        var count = await SearchIndexer.RetrySetAsideAsync(db, cancellationToken);
        Message = count == 0 ? "Отложенных записей нет." : $"Отложенные записи ({count}) поставлены в очередь на индексацию.";
        return RedirectToPage();
    }
}
