using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Portal.Core.Search;
using Portal.Core.Search.Querying;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Search;

[EnableRateLimiting(RateLimitingSetup.SearchPolicy)]
public sealed class IndexModel(SearchEngine engine) : PageModel
{
    public SearchRequest Search { get; private set; } = new();
    public SearchResults? Results { get; private set; }

    public void OnGet()
    {
        Search = SearchRequestBinder.Bind(Request.Query);
        Results = string.IsNullOrWhiteSpace(Search.Query) ? null : engine.Search(Search, HttpContext.RequestAborted);
    }

    public static string FacetTitle(string field) => field switch
    {
        SearchFields.Kind => "Раздел",
        SearchFields.DocType => "Вид документа",
        SearchFields.Issuer => "Кем принят",
        SearchFields.Status => "Статус",
        SearchFields.Year => "Год",
        _ => field,
    };

    public static string FacetLabel(string field, string value) => field == SearchFields.Kind ? SearchKinds.ToRussian(value) : value;

    /// <summary>A link to this search with some parameters changed (null removes one); the page goes back to 1.</summary>
    public string Link(params (string Name, string? Value)[] changes)
    {
        var values = new Dictionary<string, string?>
        {
            ["q"] = Search.Query,
            ["kind"] = Search.Kind,
            ["doctype"] = Search.DocType,
            ["issuer"] = Search.Issuer,
            ["status"] = Search.Status,
            ["year"] = Search.Year,
            ["sort"] = Search.Sort == SearchSort.Date ? "date" : null,
            ["advanced"] = Search.Advanced ? "1" : null,
        };
        foreach (var (name, value) in changes)
        {
            values[name] = value;
        }
        var query = string.Join('&', values.Where(kv => !string.IsNullOrEmpty(kv.Value)).Select(kv => $"{kv.Key}={Uri.EscapeDataString(kv.Value!)}"));
        return "/search" + (query.Length > 0 ? "?" + query : "");
    }

    public string? FilterValue(string field) => field switch
    {
        SearchFields.Kind => Search.Kind,
        SearchFields.DocType => Search.DocType,
        SearchFields.Issuer => Search.Issuer,
        SearchFields.Status => Search.Status,
        SearchFields.Year => Search.Year,
        _ => null,
    };

    public static string ParameterOf(string field) => field switch
    {
        SearchFields.DocType => "doctype",
        _ => field,
    };
}
