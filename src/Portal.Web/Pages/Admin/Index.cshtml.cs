using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Accounts;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Admin;

[Authorize(Policy = Policies.Administer)]
public sealed class IndexModel(UserAdministration users) : PageModel
{
    public int UserCount { get; private set; }
    public int LockedCount { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var all = await users.ListAsync(cancellationToken);
        (UserCount, LockedCount) = (all.Count, all.Count(u => u.IsLockedOut));
    }
}
