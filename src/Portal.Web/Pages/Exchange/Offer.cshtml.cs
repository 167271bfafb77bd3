using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portal.Core.Association;
using Portal.Core.Association.Exchange;
using Portal.Core.Schools;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Exchange;

/// <summary>Offer one title to the fund, or change an offer of one's own school.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class OfferModel(ExchangeService exchange, SchoolDirectory schools) : AssociationPageModel
{
    [BindProperty] public OfferInput Input { get; set; } = new();
    [BindProperty] public int? SchoolId { get; set; }

    public int? Id { get; private set; }
    public List<School> Schools { get; private set; } = [];
    public AssociationActor Actor { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        Id = id;
        Actor = await RequireActorAsync();
        if (id is { } existing)
        {
            var offer = await exchange.GetOfferAsync(existing, ct);
            if (offer is null)
            {
                return NotFound();
            }
            if (!Actor.MayChangeSchool(offer.SchoolId))
            {
                return Forbid();
            }
            SchoolId = offer.SchoolId;
            Input = new OfferInput
            {
                Title = offer.Title, Authors = offer.Authors, Subject = offer.Subject, Grade = offer.Grade, Publisher = offer.Publisher,
                Year = offer.Year, Isbn = offer.Isbn, FpuNumber = offer.FpuNumber, Copies = offer.CopiesOffered, Condition = offer.Condition,
            };
        }
        else
        {
            SchoolId ??= Actor.SchoolId;
        }
        Schools = await schools.ListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return await RedisplayAsync(id, ct);
        }
        return await WriteAsync(async actor =>
        {
            if (id is { } existing)
            {
                await exchange.UpdateOfferAsync(existing, Input, actor, ct);
                StatusMessage = "Изменения сохранены.";
                return Redirect($"/exchange/offers/{existing}");
            }
            var school = SchoolDirectory.Resolve(actor, SchoolId) ?? throw new AssociationRuleException("Выберите школу.", nameof(SchoolId));
            var created = await exchange.CreateOfferAsync(school, Input, actor, ct);
            StatusMessage = $"«{Input.Title}» добавлен в обменный фонд.";
            return Redirect($"/exchange/offers/{created}");
        }, () => RedisplayAsync(id, ct));
    }

    private async Task<IActionResult> RedisplayAsync(int? id, CancellationToken ct)
    {
        Id = id;
        Actor = await RequireActorAsync();
        Schools = await schools.ListAsync(ct);
        return Page();
    }
}
