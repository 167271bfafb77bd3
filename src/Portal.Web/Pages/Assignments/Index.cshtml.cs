using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portal.Core.Association;
using Portal.Core.Association.Meetings;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Assignments;

/// <summary>Open assignments across protocols: overdue marked, each librarian sees their own and everyone's; the head closes them.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class IndexModel(MeetingService meetings, IAssociationClock clock) : AssociationPageModel
{
    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    public List<AssignmentRow> Rows { get; private set; } = [];
    public AssociationActor Actor { get; private set; } = null!;
    public DateOnly Today => clock.Today;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Actor = await RequireActorAsync();
        Rows = await meetings.AssignmentsAsync(Actor, includeClosed: All, ct);
        return Page();
    }

    public Task<IActionResult> OnPostCloseAsync(int id, string? note, CancellationToken ct) =>
        WriteAsync(async actor =>
        {
            await meetings.CloseAssignmentAsync(id, note, actor, ct);
            StatusMessage = "Поручение закрыто.";
            return RedirectToPage(new { All });
        }, () => OnGetAsync(ct), prefix: "");

    public Task<IActionResult> OnPostReopenAsync(int id, CancellationToken ct) =>
        WriteAsync(async actor =>
        {
            await meetings.ReopenAssignmentAsync(id, actor, ct);
            StatusMessage = "Поручение снова открыто.";
            return RedirectToPage(new { All = true });
        }, () => OnGetAsync(ct), prefix: "");
}
