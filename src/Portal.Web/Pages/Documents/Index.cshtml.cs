using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Documents;

namespace Portal.Web.Pages.Documents;

public sealed class IndexModel(DocumentCatalog catalog) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? Issuer { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public DocumentStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public DocumentSort Sort { get; set; }
    /// <summary>From the query only: "page" as a route value is the Razor page's own name.</summary>
    public int PageNumber { get; private set; } = 1;

    public Paged<DocumentListItem> Result { get; private set; } = new([], 0, 1, 20);
    public DocumentFacets Facets { get; private set; } = new([], [], []);
    public bool Filtered => Type is not null || Issuer is not null || Year is not null || Status is not null;

    public static readonly IReadOnlyList<(DocumentSort Value, string Label)> SortOptions =
    [
        (DocumentSort.DateDesc, "сначала новые"),
        (DocumentSort.DateAsc, "сначала старые"),
        (DocumentSort.Title, "по названию"),
        (DocumentSort.Updated, "по дате изменения на портале"),
    ];

    public async Task OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken cancellationToken)
    {
        PageNumber = page ?? 1;
        // Bad query values (?year=abc) are simply ignored: a list page never answers with an error.
        ModelState.Clear();
        Facets = await catalog.FacetsAsync(cancellationToken);
        Result = await catalog.ListAsync(new DocumentQuery
        {
            Type = Type,
            Issuer = Issuer,
            Year = Year,
            Status = Status,
            Sort = Sort,
            Page = PageNumber,
        }, cancellationToken);
    }

    /// <summary>This list's address with one page number, the filters kept.</summary>
    public string PageUrl(int page)
    {
        var query = new Dictionary<string, string?>
        {
            ["type"] = Type,
            ["issuer"] = Issuer,
            ["year"] = Year?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["status"] = Status?.ToString(),
            ["sort"] = Sort == DocumentSort.DateDesc ? null : Sort.ToString(),
            ["page"] = page == 1 ? null : page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/documents", query.Where(q => q.Value is not null)!);
    }
}
