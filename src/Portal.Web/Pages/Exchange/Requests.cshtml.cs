using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portal.Core.Association;
using Portal.Core.Association.Exchange;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Exchange;

/// <summary>Requests to my school's offers (accept, accept part, decline) and from my school (status, history, withdraw).</summary>
[Authorize(Policy = Policies.Member)]
public sealed class RequestsModel(ExchangeService exchange) : AssociationPageModel
{
    public List<RequestView> Incoming { get; private set; } = [];
    public List<RequestView> Outgoing { get; private set; } = [];
    public AssociationActor Actor { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Actor = await RequireActorAsync();
        // The head without a school of their own sees every request in the district.
        (Incoming, Outgoing) = await exchange.RequestsForSchoolAsync(Actor.SchoolId ?? (Actor.IsHeadOrAdmin ? null : -1), ct);
        return Page();
    }

    public Task<IActionResult> OnPostDecideAsync(int id, string decision, int? copies, string? note, CancellationToken ct) =>
        WriteAsync(async actor =>
        {
            var request = await exchange.GetRequestAsync(id, ct) ?? throw new KeyNotFoundException();
            var accepted = decision switch
            {
                "accept" => request.CopiesRequested,
                "decline" => 0,
                _ => copies ?? throw new AssociationRuleException("Укажите, сколько экземпляров передаёте.", "CopiesAccepted"),
            };
            await exchange.DecideAsync(id, accepted, note, actor, ct);
            StatusMessage = accepted == 0 ? "Заявка отклонена, экземпляры вернулись в фонд." : $"Заявка принята: передаётся {accepted} экз.";
            return RedirectToPage();
        }, () => OnGetAsync(ct), prefix: $"Request{id}");

    public Task<IActionResult> OnPostCancelAsync(int id, CancellationToken ct) =>
        WriteAsync(async actor =>
        {
            await exchange.CancelRequestAsync(id, actor, ct);
            StatusMessage = "Заявка отозвана.";
            return RedirectToPage();
        }, () => OnGetAsync(ct), prefix: $"Request{id}");
}
