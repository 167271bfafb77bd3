using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Web.Pages;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
