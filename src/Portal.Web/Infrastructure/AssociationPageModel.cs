using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Association;

namespace Portal.Web.Infrastructure;

/// <summary>Base of the association's pages: who is acting, and the service's Russian messages put next to their fields.</summary>
public abstract class AssociationPageModel : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    protected Task<AssociationActor?> ActorAsync() =>
        HttpContext.RequestServices.GetRequiredService<AssociationActorAccessor>().GetAsync(User);

    /// <summary>The actor, or a Forbid result when the account is gone (signed in with a deleted user).</summary>
    protected async Task<AssociationActor> RequireActorAsync() =>
        await ActorAsync() ?? throw new AssociationRuleException("Войдите в портал, чтобы продолжить.");

    /// <summary>Runs a write; a broken rule becomes messages on the form, an unknown id a 404.</summary>
    protected async Task<IActionResult> WriteAsync(Func<AssociationActor, Task<IActionResult>> write, Func<Task<IActionResult>> redisplay, string prefix = "Input")
    {
        if (await ActorAsync() is not { } actor)
        {
            return Challenge();
        }
        try
        {
            return await write(actor);
        }
        catch (AssociationRuleException e)
        {
            ModelState.AddErrors(e, prefix);
            return await redisplay();
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
    }
}
