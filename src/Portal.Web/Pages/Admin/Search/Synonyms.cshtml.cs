using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Search.Querying;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Admin.Search;

/// <summary>The head edits the search synonyms and abbreviations; effective at once, no reindex.</summary>
[Authorize(Policy = Policies.Publish)]
public sealed class SynonymsModel(SynonymStore store) : PageModel
{
    public const int MaxLength = 200_000;

    [BindProperty]
    public string Text { get; set; } = "";

    public int GroupCount { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public void OnGet()
    {
        Text = store.ReadText();
        GroupCount = store.Current.GroupCount;
    }

    public IActionResult OnPost()
    {
        if (Text.Length > MaxLength)
        {
            ModelState.AddModelError(nameof(Text), $"Слишком длинный текст: не больше {MaxLength:N0} знаков.");
        }
        else
        {
            foreach (var error in store.Save(Text ?? ""))
            {
                ModelState.AddModelError(nameof(Text), error);
            }
        }
        if (!ModelState.IsValid)
        {
            GroupCount = store.Current.GroupCount;
            return Page();
        }
        Message = "Сохранено. Новые синонимы уже учитываются в поиске.";
        return RedirectToPage();
    }
}
