using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Portal.Core.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Documents;
using Portal.Core.Files;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Documents;

[Authorize(Policy = Policies.Publish)]
[RequestFormLimits(MultipartBodyLengthLimit = 128L * 1024 * 1024)]
[RequestSizeLimit(128L * 1024 * 1024)] // larger than any allowed file, so an oversized one gets the form's own Russian message
public sealed class EditModel(DocumentCatalog catalog, FileStorage files, UserManager<PortalUser> users) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public CardInput Input { get; set; } = new();
    [BindProperty] public IFormFile? OriginalFile { get; set; }
    public StoredFile? CurrentOriginal { get; private set; }
    public long MaxUploadBytes => files.MaxBytes;
    public IReadOnlyList<string> KnownTypes { get; private set; } = [];
    public IReadOnlyList<string> KnownIssuers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Id is { } id)
        {
            var document = await catalog.GetAsync(id, cancellationToken);
            if (document is null)
            {
                return NotFound();
            }
            Input = CardInput.From(document);
            CurrentOriginal = document.OriginalFile;
        }
        await LoadListsAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        NormativeDocument? existing = null;
        if (Id is { } id && (existing = await catalog.GetAsync(id, cancellationToken)) is null)
        {
            return NotFound();
        }
        CurrentOriginal = existing?.OriginalFile;
        if (!string.IsNullOrWhiteSpace(Input.SourceUrl) && !Portal.Core.Common.WebAddress.IsValid(Input.SourceUrl))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.SourceUrl)}", "Укажите адрес, начинающийся с http:// или https://.");
        }
        if (!ModelState.IsValid)
        {
            await LoadListsAsync(cancellationToken);
            return Page();
        }
        StoredFile? uploaded = null;
        if (OriginalFile is { Length: > 0 })
        {
            await using var stream = OriginalFile.OpenReadStream();
            var saved = await files.SaveAsync(stream, OriginalFile.FileName, OriginalFile.Length, null, User.Identity?.Name, cancellationToken);
            if (!saved.Succeeded)
            {
                ModelState.AddModelError(nameof(OriginalFile), saved.Error!);
                await LoadListsAsync(cancellationToken);
                return Page();
            }
            uploaded = saved.File;
        }
        var document = await catalog.SaveAsync(Id, Input.ToInput(), await AuthorNames.OfAsync(users, User), cancellationToken);
        if (document is null)
        {
            return NotFound();
        }
        if (uploaded is not null)
        {
            await catalog.SetOriginalFileAsync(document.Id, uploaded.Id, cancellationToken);
        }
        TempData["Notice"] = Id is null ? "Документ добавлен." : "Изменения сохранены.";
        return Redirect($"/documents/{document.Id}");
    }

    private async Task LoadListsAsync(CancellationToken cancellationToken)
    {
        var facets = await catalog.FacetsAsync(cancellationToken);
        (KnownTypes, KnownIssuers) = (facets.Types, facets.Issuers);
    }

    public sealed class CardInput
    {
        [Required(ErrorMessage = "Введите название документа.")]
        [StringLength(2000, ErrorMessage = "Название слишком длинное (не более 2000 знаков).")]
        public string Title { get; set; } = "";

        [Required(ErrorMessage = "Укажите вид документа, например «Приказ».")]
        [StringLength(200, ErrorMessage = "Не более 200 знаков.")]
        public string DocType { get; set; } = "";

        [StringLength(100, ErrorMessage = "Не более 100 знаков.")]
        public string? Number { get; set; }

        public DateOnly? Date { get; set; }

        [StringLength(500, ErrorMessage = "Не более 500 знаков.")]
        public string? Issuer { get; set; }

        public DocumentStatus Status { get; set; }

        [StringLength(2000, ErrorMessage = "Не более 2000 знаков.")]
        public string? Annotation { get; set; }

        [StringLength(2000, ErrorMessage = "Адрес слишком длинный.")]
        public string? SourceUrl { get; set; }

        [StringLength(500, ErrorMessage = "Не более 500 знаков.")]
        public string? Tags { get; set; }

        public string? Text { get; set; }

        public static CardInput From(NormativeDocument d) => new()
        {
            Title = d.Title,
            DocType = d.DocType,
            Number = d.Number,
            Date = d.Date,
            Issuer = d.Issuer,
            Status = d.Status,
            Annotation = d.Annotation,
            SourceUrl = d.SourceUrl,
            Tags = d.Tags,
            Text = d.Text,
        };

        public DocumentInput ToInput() => new()
        {
            Title = Title,
            DocType = DocType,
            Number = Number,
            Date = Date,
            Issuer = Issuer,
            Status = Status,
            Annotation = Annotation,
            SourceUrl = SourceUrl,
            Tags = Tags,
            Text = Text ?? "",
        };
    }
}
