using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Markdown;
using Portal.Core.Neb;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Neb;

[Authorize(Policy = Policies.Publish)]
public sealed class EditModel(NebDirectory directory, MarkdownRenderer markdown) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public ResourceInput Input { get; set; } = new();
    public IReadOnlyList<string> KnownCategories { get; private set; } = [];
    public RenderedMarkdown? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Id is { } id)
        {
            var resource = await directory.GetAsync(id, cancellationToken);
            if (resource is null)
            {
                return NotFound();
            }
            Input = new ResourceInput
            {
                Title = resource.Title,
                Category = resource.Category,
                Url = resource.Url,
                Description = resource.Description,
                GuideMarkdown = resource.GuideMarkdown,
                SortOrder = resource.SortOrder,
            };
        }
        KnownCategories = await directory.CategoriesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(Input.Url) && !Portal.Core.Common.WebAddress.IsValid(Input.Url))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Url)}", "Укажите адрес, начинающийся с https:// или http://.");
        }
        if (!ModelState.IsValid)
        {
            KnownCategories = await directory.CategoriesAsync(cancellationToken);
            return Page();
        }
        var saved = await directory.SaveAsync(Id, new NebInput
        {
            Title = Input.Title,
            Category = Input.Category,
            Url = Input.Url ?? "",
            Description = Input.Description,
            GuideMarkdown = Input.GuideMarkdown,
            SortOrder = Input.SortOrder,
        }, cancellationToken);
        if (saved is null)
        {
            return NotFound();
        }
        TempData["Notice"] = "Ресурс сохранён.";
        return Redirect($"/neb#{saved.Slug}");
    }

    /// <summary>The guide as readers will see it: a fragment for the editor's script, the whole page without it.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        var rendered = markdown.Render(Input.GuideMarkdown);
        if (Request.Headers.ContainsKey(Materials.EditModel.FragmentHeader))
        {
            return Partial("_RenderedMarkdown", rendered);
        }
        ModelState.Clear();
        Preview = rendered;
        KnownCategories = await directory.CategoriesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        if (Id is not { } id || !await directory.DeleteAsync(id, cancellationToken))
        {
            return NotFound();
        }
        TempData["Notice"] = "Ресурс удалён.";
        return Redirect("/neb");
    }

    public sealed class ResourceInput
    {
        [Required(ErrorMessage = "Введите название ресурса.")]
        [StringLength(500, ErrorMessage = "Не более 500 знаков.")]
        public string Title { get; set; } = "";

        [Required(ErrorMessage = "Укажите раздел, например «Подключение библиотеки».")]
        [StringLength(200, ErrorMessage = "Не более 200 знаков.")]
        public string Category { get; set; } = "";

        [StringLength(2000, ErrorMessage = "Адрес слишком длинный.")]
        public string? Url { get; set; }

        [StringLength(2000, ErrorMessage = "Не более 2000 знаков.")]
        public string? Description { get; set; }

        [StringLength(200_000, ErrorMessage = "Инструкция слишком длинная.")]
        public string? GuideMarkdown { get; set; }

        [Range(0, 10_000, ErrorMessage = "Порядок — число от 0 до 10000.")]
        public int SortOrder { get; set; }
    }
}
