using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portal.Core.Association;
using Portal.Core.Common;
using Portal.Core.Association.Deliveries;
using Portal.Core.Schools;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Deliveries;

/// <summary>The daily delivery report of one school: the order lines carried over, the day's numbers typed in.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class IndexModel(DeliveryService deliveries, SchoolDirectory schools, IAssociationClock clock) : AssociationPageModel
{
    public const int BlankLines = 3;

    [BindProperty(SupportsGet = true)] public int? School { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Date { get; set; }
    [BindProperty] public DeliveryReportInput Input { get; set; } = new();

    public int? SchoolId { get; private set; }
    public List<School> Schools { get; private set; } = [];
    public AssociationActor Actor { get; private set; } = null!;
    public bool AlreadyReported { get; private set; }
    public DateOnly Today => clock.Today;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadContextAsync(ct);
        if (SchoolId is { } school)
        {
            Input = await deliveries.FormAsync(school, Date ?? clock.Today, ct);
            AddBlankLines();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadContextAsync(ct);
        Input.Date = Date ?? (Input.Date == default ? clock.Today : Input.Date);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        return await WriteAsync(async actor =>
        {
            var school = SchoolId ?? throw new AssociationRuleException("Ваша учётная запись не привязана к школе: обратитесь к администратору.");
            await deliveries.SubmitAsync(school, Input, actor, ct);
            StatusMessage = $"Отчёт за {RussianFormat.Date(Input.Date)} сохранён. Спасибо!";
            return RedirectToPage(new { school = School, date = Input.Date.ToString("yyyy-MM-dd") });
        }, () => Task.FromResult<IActionResult>(Page()));
    }

    private async Task LoadContextAsync(CancellationToken ct)
    {
        Actor = await RequireActorAsync();
        SchoolId = SchoolDirectory.Resolve(Actor, School);
        Schools = await schools.ListAsync(ct);
        if (SchoolId is { } school)
        {
            AlreadyReported = await deliveries.HasReportAsync(school, Date ?? clock.Today, ct);
        }
    }

    private void AddBlankLines()
    {
        for (var i = 0; i < BlankLines; i++)
        {
            Input.Lines.Add(new DeliveryLineInput());
        }
    }
}
