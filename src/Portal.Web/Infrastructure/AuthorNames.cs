using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Portal.Core.Accounts;

namespace Portal.Web.Infrastructure;

/// <summary>The name a change is signed with in histories: the person's full name, else their login.</summary>
public static class AuthorNames
{
    public static async Task<string> OfAsync(UserManager<PortalUser> users, ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return principal.Identity?.Name ?? "";
        }
        return string.IsNullOrWhiteSpace(user.FullName) ? user.Email ?? user.UserName ?? "" : user.FullName;
    }
}
