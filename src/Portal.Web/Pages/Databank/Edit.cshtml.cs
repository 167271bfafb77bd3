using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portal.Core.Association;
using Portal.Core.Association.Databank;
using Portal.Core.Schools;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Databank;

[Authorize(Policy = Policies.Member)]
public sealed class EditModel(DatabankService databank, SchoolDirectory schools, Core.Association.Meetings.MeetingService meetings) : AssociationPageModel
{
    [BindProperty] public ProfileInput Input { get; set; } = new();

    public int? Id { get; private set; }
    public List<School> Schools { get; private set; } = [];
    public List<(string Id, string Name)> Members { get; private set; } = [];
    public AssociationActor Actor { get; private set; } = null!;

    /// <summary>id: a record; none: the actor's own (or, for the head with <paramref name="new"/>, a new one).</summary>
    public async Task<IActionResult> OnGetAsync(int? id, bool @new, CancellationToken ct)
    {
        Actor = await RequireActorAsync();
        var profile = id is { } existing ? await databank.GetAsync(existing, Actor, ct)
            : @new && Actor.IsHeadOrAdmin ? null
            : await databank.OwnAsync(Actor, ct);
        if (id is not null && profile is null)
        {
            return NotFound();
        }
        if (profile is not null && !profile.ShowsPersonalData)
        {
            return Forbid();
        }
        Id = profile?.Id;
        Input = profile is null
            ? new ProfileInput { FullName = @new ? null : Actor.Name, SchoolId = @new ? null : Actor.SchoolId, Position = "педагог-библиотекарь" }
            : new ProfileInput
            {
                FullName = profile.FullName, SchoolId = profile.SchoolId, Position = profile.Position, Education = profile.Education,
                QualificationCategory = profile.QualificationCategory, ExperienceYears = profile.ExperienceYears, LibraryExperienceYears = profile.LibraryExperienceYears,
                Courses = profile.Courses, Phone = profile.Phone, Email = profile.Email,
            };
        return await PageAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (!ModelState.IsValid)
        {
            return await PageAsync(ct);
        }
        return await WriteAsync(async actor =>
        {
            await databank.SaveAsync(id, Input, actor, ct);
            StatusMessage = "Анкета сохранена и подтверждена.";
            return RedirectToPage("Index");
        }, () => PageAsync(ct));
    }

    private async Task<IActionResult> PageAsync(CancellationToken ct)
    {
        Actor = await RequireActorAsync();
        Schools = await schools.ListAsync(ct);
        if (Actor.IsHeadOrAdmin && Id is null)
        {
            Members = await meetings.MembersAsync(ct);
        }
        return Page();
    }
}
