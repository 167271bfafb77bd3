using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portal.Core.Association.Plans;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Plan;

public sealed class IndexModel(WorkPlanService plans, IAuthorizationService authorization) : AssociationPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Year { get; set; }

    public WorkPlan? Plan { get; private set; }
    public List<string> Years { get; private set; } = [];
    public bool CanPublish { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        CanPublish = (await authorization.AuthorizeAsync(User, Policies.Publish)).Succeeded;
        Years = await plans.YearsAsync(ct);
        Plan = await plans.GetAsync(string.IsNullOrWhiteSpace(Year) ? null : Year, ct);
        return Plan is null && !string.IsNullOrWhiteSpace(Year) ? NotFound() : Page();
    }

    public Task<IActionResult> OnPostStatusAsync(int eventId, PlanEventStatus status, CancellationToken ct) =>
        WriteAsync(async actor =>
        {
            await plans.SetStatusAsync(eventId, status, actor, ct);
            StatusMessage = "Отметка сохранена.";
            return RedirectToPage(new { Year });
        }, () => OnGetAsync(ct), prefix: "");
}
