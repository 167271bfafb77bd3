using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Crawling;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Admin.Crawl;

[Authorize(Policy = Policies.Administer)]
public sealed class EditModel(CrawlSourceService service) : PageModel
{
    [BindProperty]
    public SourceForm Input { get; set; } = new();

    public int? Id { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public sealed class SourceForm
    {
        [Display(Name = "Название")]
        public string? Name { get; set; }
        [Display(Name = "Начальный адрес")]
        public string? StartUrl { get; set; }
        [Display(Name = "Обходить только адреса, подходящие под шаблоны")]
        public string? IncludePatterns { get; set; }
        [Display(Name = "Не обходить адреса, подходящие под шаблоны")]
        public string? ExcludePatterns { get; set; }
        [Display(Name = "Период обхода, часов")]
        public int ScheduleHours { get; set; } = 24;
        [Display(Name = "Пауза между запросами, мс")]
        public int DelayMs { get; set; } = 1000;
        [Display(Name = "Предел страниц за обход")]
        public int MaxPages { get; set; } = 500;
        [Display(Name = "Включён")]
        public bool Enabled { get; set; } = true;

        public CrawlSourceInput ToInput() => new()
        {
            Name = Name ?? "", StartUrl = StartUrl ?? "", IncludePatterns = IncludePatterns, ExcludePatterns = ExcludePatterns,
            ScheduleHours = ScheduleHours, DelayMs = DelayMs, MaxPages = MaxPages, Enabled = Enabled,
        };

        public static SourceForm From(CrawlSourceInput i) => new()
        {
            Name = i.Name, StartUrl = i.StartUrl, IncludePatterns = i.IncludePatterns, ExcludePatterns = i.ExcludePatterns,
            ScheduleHours = i.ScheduleHours, DelayMs = i.DelayMs, MaxPages = i.MaxPages, Enabled = i.Enabled,
        };
    }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        Id = id;
        if (id is not null)
        {
            var source = await service.FindAsync(id.Value, cancellationToken);
            if (source is null)
            {
                return NotFound();
            }
            Input = SourceForm.From(CrawlSourceInput.From(source));
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        Id = id;
        var input = Input.ToInput();
        foreach (var (field, message) in CrawlSourceService.Validate(input))
        {
            ModelState.AddModelError($"{nameof(Input)}.{field}", message);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var saved = await service.SaveAsync(id, input, cancellationToken);
        if (saved is null)
        {
            return NotFound();
        }
        Message = $"Источник «{saved.Name}» сохранён.";
        return RedirectToPage("Index");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken)
    {
        if (!await service.DeleteAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Message = "Источник удалён. Загруженные с него документы остаются на портале.";
        return RedirectToPage("Index");
    }
}
