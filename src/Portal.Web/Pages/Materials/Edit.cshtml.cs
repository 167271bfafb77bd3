using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Portal.Core.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Files;
using Portal.Core.Markdown;
using Portal.Core.Materials;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Materials;

/// <summary>
/// The head's editor: Markdown with a preview (fetched by publishing.js, or by the preview button
/// without script), attachments, save as draft, publish, unpublish.
/// </summary>
[Authorize(Policy = Policies.Publish)]
[RequestFormLimits(MultipartBodyLengthLimit = 128L * 1024 * 1024)]
[RequestSizeLimit(128L * 1024 * 1024)] // larger than any allowed file, so an oversized one gets the form's own Russian message
public sealed class EditModel(MaterialLibrary library, FileStorage files, MarkdownRenderer markdown, UserManager<PortalUser> users) : PageModel
{
    /// <summary>Header the editor's script sends, so the preview handler answers with the HTML fragment only.</summary>
    public const string FragmentHeader = "X-Preview-Fragment";

    [BindProperty(SupportsGet = true)] public string? Slug { get; set; }
    [BindProperty] public EditorInput Input { get; set; } = new();
    [BindProperty] public List<IFormFile> Attachments { get; set; } = [];
    [BindProperty] public List<int> RemoveAttachments { get; set; } = [];

    public Material? Existing { get; private set; }
    public IReadOnlyList<StoredFile> CurrentAttachments { get; private set; } = [];
    public RenderedMarkdown? Preview { get; private set; }
    public IReadOnlyList<string> KnownCategories { get; private set; } = [];
    public long MaxUploadBytes => files.MaxBytes;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }
        if (Existing is not null)
        {
            Input = EditorInput.From(Existing);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        var rendered = markdown.Render(Input.BodyMarkdown);
        if (Request.Headers.ContainsKey(FragmentHeader))
        {
            return Partial("_RenderedMarkdown", rendered);
        }
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }
        ModelState.Clear();
        Preview = rendered;
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken) => SaveAsync(publish: null, cancellationToken);

    public Task<IActionResult> OnPostPublishAsync(CancellationToken cancellationToken) => SaveAsync(publish: true, cancellationToken);

    public Task<IActionResult> OnPostUnpublishAsync(CancellationToken cancellationToken) => SaveAsync(publish: false, cancellationToken);

    private async Task<IActionResult> SaveAsync(bool? publish, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        // Files first, unattached: a rejected one leaves nothing saved and the form as typed.
        var accepted = new List<StoredFile>();
        foreach (var upload in Attachments.Where(a => a.Length > 0 || a.FileName.Length > 0))
        {
            await using var stream = upload.OpenReadStream();
            var saved = await files.SaveAsync(stream, upload.FileName, upload.Length, null, User.Identity?.Name, cancellationToken);
            if (saved.Succeeded)
            {
                accepted.Add(saved.File!);
            }
            else
            {
                ModelState.AddModelError(nameof(Attachments), saved.Error!);
            }
        }
        if (!ModelState.IsValid)
        {
            foreach (var file in accepted)
            {
                await files.DeleteAsync(file.Id, null, cancellationToken);
            }
            return Page();
        }
        var author = await AuthorNames.OfAsync(users, User);
        var result = await library.SaveAsync(Existing?.Id, Input.ToInput(), publish, author, cancellationToken);
        if (result.Material is null)
        {
            ModelState.AddModelError(string.IsNullOrEmpty(result.ErrorField) ? "" : $"{nameof(Input)}.{result.ErrorField}", result.Error!);
            if (result.CurrentRevision is { } current)
            {
                // The next save is a deliberate overwrite of the newer revision (which stays in the history).
                ModelState.Remove($"{nameof(Input)}.{nameof(EditorInput.BaseRevision)}");
                Input.BaseRevision = current;
            }
            foreach (var file in accepted)
            {
                await files.DeleteAsync(file.Id, null, cancellationToken);
            }
            return Page();
        }
        var owner = FileStorage.OwnerOf(MaterialLibrary.FileOwnerKind, result.Material.Id);
        foreach (var file in accepted)
        {
            await files.AssignOwnerAsync(file.Id, owner, cancellationToken);
        }
        foreach (var id in RemoveAttachments)
        {
            await files.DeleteAsync(id, owner, cancellationToken);
        }
        TempData["Notice"] = publish switch
        {
            true => "Материал опубликован.",
            false => "Материал снят с публикации и сохранён как черновик.",
            null => result.Material.IsPublished ? "Изменения сохранены и уже видны читателям." : "Черновик сохранён.",
        };
        return Redirect($"/materials/{result.Material.Slug}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken) || Existing is null)
        {
            return NotFound();
        }
        foreach (var file in CurrentAttachments)
        {
            await files.DeleteAsync(file.Id, file.Owner, cancellationToken);
        }
        await library.DeleteAsync(Existing.Id, cancellationToken);
        TempData["Notice"] = $"Материал «{Existing.Title}» удалён.";
        return Redirect("/materials");
    }

    /// <summary>The material being edited (when the address names one) and the lists the form offers.</summary>
    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (Slug is not null)
        {
            Existing = await library.GetAsync(Slug, cancellationToken);
            if (Existing is null)
            {
                return false;
            }
            CurrentAttachments = await files.ListAsync(FileStorage.OwnerOf(MaterialLibrary.FileOwnerKind, Existing.Id), cancellationToken);
        }
        KnownCategories = (await library.FacetsAsync(cancellationToken)).Categories.Select(c => c.Name).ToList();
        return true;
    }

    public sealed class EditorInput
    {
        [Required(ErrorMessage = "Введите заголовок.")]
        [StringLength(500, ErrorMessage = "Заголовок слишком длинный (не более 500 знаков).")]
        public string Title { get; set; } = "";

        [StringLength(200, ErrorMessage = "Адрес слишком длинный.")]
        public string? Slug { get; set; }

        [Required(ErrorMessage = "Укажите раздел, например «Учёт фонда».")]
        [StringLength(200, ErrorMessage = "Не более 200 знаков.")]
        public string Category { get; set; } = "";

        [StringLength(500, ErrorMessage = "Не более 500 знаков.")]
        public string? Tags { get; set; }

        [StringLength(1000, ErrorMessage = "Краткое описание — не более 1000 знаков.")]
        public string? Summary { get; set; }

        [Required(ErrorMessage = "Напишите текст материала.")]
        [StringLength(500_000, ErrorMessage = "Текст слишком длинный.")]
        public string BodyMarkdown { get; set; } = "";

        [StringLength(500, ErrorMessage = "Не более 500 знаков.")]
        public string? Comment { get; set; }

        public int? BaseRevision { get; set; }

        public static EditorInput From(Material m) => new()
        {
            Title = m.Title,
            Slug = m.Slug,
            Category = m.Category,
            Tags = m.Tags,
            Summary = m.Summary,
            BodyMarkdown = m.BodyMarkdown,
            BaseRevision = m.RevisionCount,
        };

        public MaterialInput ToInput() => new()
        {
            Title = Title,
            Slug = Slug,
            Category = Category,
            Tags = Tags,
            Summary = Summary,
            BodyMarkdown = BodyMarkdown,
            Comment = Comment,
            BaseRevision = BaseRevision,
        };
    }
}
