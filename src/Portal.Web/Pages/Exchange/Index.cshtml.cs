using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portal.Core.Association;
using Portal.Core.Association.Exchange;
using Portal.Core.Schools;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Exchange;

/// <summary>The district's exchange fund: search (the portal's Russian search when it is there), filters, request copies.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class IndexModel(ExchangeService exchange, SchoolDirectory schools) : AssociationPageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Subject { get; set; }
    [BindProperty(SupportsGet = true)] public int? Grade { get; set; }
    [BindProperty(SupportsGet = true)] public int? School { get; set; }

    public List<ExchangeOffer> Offers { get; private set; } = [];
    public bool Ranked { get; private set; }
    public List<string> Subjects { get; private set; } = [];
    public List<School> Schools { get; private set; } = [];
    public AssociationActor Actor { get; private set; } = null!;
    public int? RequestedOffer { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Actor = await RequireActorAsync();
        (Offers, Ranked) = await exchange.SearchAsync(new OfferFilter(Q, Subject, Grade, School), ct);
        Subjects = await exchange.SubjectsAsync(ct);
        Schools = await schools.ListAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostRequestAsync(int offerId, int? copies, int? forSchool, string? comment, CancellationToken ct)
    {
        RequestedOffer = offerId;
        return WriteAsync(async actor =>
        {
            var school = SchoolDirectory.Resolve(actor, forSchool) ?? throw new AssociationRuleException("Ваша учётная запись не привязана к школе: обратитесь к администратору.");
            if (copies is null)
            {
                throw new AssociationRuleException("Укажите, сколько экземпляров нужно.", "Copies");
            }
            await exchange.RequestAsync(offerId, school, copies.Value, comment, actor, ct);
            StatusMessage = $"Заявка на {copies} экз. отправлена. Её состояние — в разделе «Заявки».";
            return RedirectToPage("Requests");
        }, () => OnGetAsync(ct), prefix: $"Offer{offerId}");
    }
}
