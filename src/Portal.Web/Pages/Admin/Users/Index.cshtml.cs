using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Accounts;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Admin.Users;

[Authorize(Policy = Policies.Administer)]
public sealed class IndexModel(UserAdministration users) : PageModel
{
    public IReadOnlyList<UserSummary> Users { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Users = await users.ListAsync(cancellationToken);
}
