using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portal.Core.Association;
using Portal.Core.Association.Exchange;
using Portal.Core.Schools;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Exchange;

[Authorize(Policy = Policies.Member)]
public sealed class OfferDetailsModel(ExchangeService exchange, SchoolDirectory schools) : AssociationPageModel
{
    public ExchangeOffer Offer { get; private set; } = null!;
    public AssociationActor Actor { get; private set; } = null!;
    public List<School> Schools { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        Actor = await RequireActorAsync();
        var offer = await exchange.GetOfferAsync(id, ct);
        if (offer is null)
        {
            return NotFound();
        }
        Offer = offer;
        Schools = await schools.ListAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostWithdrawAsync(int id, CancellationToken ct) =>
        WriteAsync(async actor =>
        {
            await exchange.WithdrawOfferAsync(id, actor, ct);
            StatusMessage = "Предложение снято с обмена.";
            return RedirectToPage("Index");
        }, () => OnGetAsync(id, ct), prefix: "");
}
