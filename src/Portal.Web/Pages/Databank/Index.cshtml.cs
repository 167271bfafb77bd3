using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portal.Core.Association;
using Portal.Core.Common;
using Portal.Core.Association.Databank;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Databank;

/// <summary>The databank: everyone sees names, schools and positions; the head also personal data, the update request and its confirmations.</summary>
[Authorize(Policy = Policies.Member)]
public sealed class IndexModel(DatabankService databank, IAssociationClock clock) : AssociationPageModel
{
    public List<ProfileView> Profiles { get; private set; } = [];
    public UpdateRequestStatus? RequestStatus { get; private set; }
    public DatabankUpdateRequestView? ActiveRequest { get; private set; }
    public ProfileView? Own { get; private set; }
    public AssociationActor Actor { get; private set; } = null!;

    [BindProperty] public RequestInput Input { get; set; } = new();

    public sealed class RequestInput
    {
        public DateOnly? Deadline { get; set; }
        public string? Message { get; set; }
    }

    public sealed record DatabankUpdateRequestView(DateOnly Deadline, string Message, DateTime RequestedAt);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Actor = await RequireActorAsync();
        Profiles = await databank.ListAsync(Actor, ct);
        Own = Profiles.FirstOrDefault(p => p.UserId == Actor.UserId);
        if (await databank.ActiveRequestAsync(ct) is { } request)
        {
            ActiveRequest = new(request.Deadline, request.Message, request.RequestedAt);
        }
        if (Actor.IsHeadOrAdmin)
        {
            RequestStatus = await databank.RequestStatusAsync(Actor, ct);
            Input.Deadline ??= clock.Today.AddDays(14);
        }
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(string format, CancellationToken ct)
    {
        var actor = await RequireActorAsync();
        if (!actor.IsHeadOrAdmin)
        {
            return Forbid();
        }
        var table = DatabankService.ExportTable(await databank.ListAsync(actor, ct));
        return format == "csv"
            ? File(TableExport.ToCsv(table), TableExport.CsvContentType, "bank-dannyh.csv")
            : File(TableExport.ToXlsx(table), TableExport.XlsxContentType, "bank-dannyh.xlsx");
    }

    public Task<IActionResult> OnPostRequestAsync(CancellationToken ct) =>
        WriteAsync(async actor =>
        {
            if (Input.Deadline is null)
            {
                throw new AssociationRuleException("Укажите срок.", nameof(Input.Deadline));
            }
            await databank.RequestUpdateAsync(Input.Deadline.Value, Input.Message, actor, ct);
            StatusMessage = $"Запрос отправлен: участники увидят напоминание на главной странице до {RussianFormat.Date(Input.Deadline)}.";
            return RedirectToPage();
        }, () => OnGetAsync(ct));

    public Task<IActionResult> OnPostCloseRequestAsync(CancellationToken ct) =>
        WriteAsync(async actor =>
        {
            await databank.CloseRequestAsync(actor, ct);
            StatusMessage = "Сбор сведений завершён.";
            return RedirectToPage();
        }, () => OnGetAsync(ct));

    public Task<IActionResult> OnPostConfirmAsync(int id, CancellationToken ct) =>
        WriteAsync(async actor =>
        {
            await databank.ConfirmAsync(id, actor, ct);
            StatusMessage = "Спасибо: сведения подтверждены.";
            return RedirectToPage();
        }, () => OnGetAsync(ct));
}
