using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portal.Core.Association;
using Portal.Core.Association.Exchange;
using Portal.Core.Schools;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Exchange;

/// <summary>
/// Import of surplus textbooks from CSV/XLSX: the first post shows a preview with every row's
/// errors; the file travels back in the form (never trusted: it is read and checked again) and
/// only the confirming post saves its valid rows.
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed class ImportModel(ExchangeService exchange, SchoolDirectory schools, IAssociationClock clock) : AssociationPageModel
{
    public const long MaxFileBytes = 2 * 1024 * 1024;

    [BindProperty] public int? SchoolId { get; set; }
    [BindProperty] public string? FileName { get; set; }
    [BindProperty] public string? FileData { get; set; }

    public OfferImportPreview? Preview { get; private set; }
    public List<School> Schools { get; private set; } = [];
    public AssociationActor Actor { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Actor = await RequireActorAsync();
        SchoolId ??= Actor.SchoolId;
        Schools = await schools.ListAsync(ct);
        return Page();
    }

    public IActionResult OnGetTemplate() =>
        File(OfferImport.TemplateCsv(), TableExport.CsvContentType, "obmennyi-fond-shablon.csv");

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", "Выберите файл CSV или XLSX.");
            return await OnGetAsync(ct);
        }
        if (file.Length > MaxFileBytes)
        {
            ModelState.AddModelError("file", "Файл больше 2 МБ: разделите его на части.");
            return await OnGetAsync(ct);
        }
        var extension = Path.GetExtension(file.FileName).ToLowerInvariant();
        if (extension is not (".csv" or ".xlsx" or ".txt"))
        {
            ModelState.AddModelError("file", "Поддерживаются файлы CSV и XLSX.");
            return await OnGetAsync(ct);
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        FileName = Path.GetFileName(file.FileName);
        FileData = Convert.ToBase64String(buffer.ToArray());
        ModelState.Remove(nameof(FileName));
        ModelState.Remove(nameof(FileData));
        Preview = OfferImport.Read(new MemoryStream(buffer.ToArray()), FileName, clock.Today.Year);
        return await OnGetAsync(ct);
    }

    public Task<IActionResult> OnPostConfirmAsync(CancellationToken ct) =>
        WriteAsync(async actor =>
        {
            var preview = Reread() ?? throw new AssociationRuleException("Файл потерялся: загрузите его ещё раз.");
            Preview = preview;
            var school = SchoolDirectory.Resolve(actor, SchoolId) ?? throw new AssociationRuleException("Выберите школу.", nameof(SchoolId));
            var count = await exchange.ImportAsync(school, preview, actor, ct);
            StatusMessage = $"В обменный фонд добавлено позиций: {count}." + (preview.InvalidCount > 0 ? $" Строк с ошибками пропущено: {preview.InvalidCount}." : "");
            return RedirectToPage("Index", new { school });
        }, () => OnGetAsync(ct), prefix: "");

    private OfferImportPreview? Reread()
    {
        if (string.IsNullOrEmpty(FileData) || string.IsNullOrEmpty(FileName))
        {
            return null;
        }
        try
        {
            return OfferImport.Read(new MemoryStream(Convert.FromBase64String(FileData)), FileName, clock.Today.Year);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
