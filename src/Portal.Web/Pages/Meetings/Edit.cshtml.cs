using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portal.Core.Association.Meetings;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Meetings;

/// <summary>
/// The protocol form, quick to fill during a meeting: adding a question or an assignment posts the
/// form and returns it with everything typed so far plus an empty row, focused.
/// </summary>
[Authorize(Policy = Policies.Publish)]
public sealed class EditModel(MeetingService meetings) : AssociationPageModel
{
    [BindProperty]
    public MeetingInput Input { get; set; } = new();

    public int? Id { get; private set; }
    public List<(string Id, string Name)> Members { get; private set; } = [];
    /// <summary>The field to focus after the page comes back (the row just added).</summary>
    public string? FocusField { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } existing)
        {
            var meeting = await meetings.GetAsync(existing, ct);
            if (meeting is null)
            {
                return NotFound();
            }
            Input = ToInput(meeting);
        }
        else
        {
            var actor = await RequireActorAsync();
            var last = (await meetings.ListAsync(includeDrafts: true, ct)).FirstOrDefault();
            var today = DateOnly.FromDateTime(DateTime.Now);
            Input = new MeetingInput
            {
                Number = await meetings.NextNumberAsync(today, ct),
                Date = today,
                Place = last?.Place,
                HeadName = last?.HeadName ?? actor.Name,
                SecretaryName = last?.SecretaryName,
                AttendanceCount = last?.AttendanceCount ?? 0,
                Items = [new AgendaItemInput()],
            };
            FocusField = "Input_Place";
        }
        return await PageAsync(ct);
    }

    public Task<IActionResult> OnPostAsync(int? id, CancellationToken ct) => SaveAsync(id, draft: false, ct);

    public Task<IActionResult> OnPostDraftAsync(int? id, CancellationToken ct) => SaveAsync(id, draft: true, ct);

    public Task<IActionResult> OnPostAddItemAsync(int? id, CancellationToken ct)
    {
        Id = id;
        ModelState.Clear();
        Input.Items.Add(new AgendaItemInput());
        FocusField = $"Input_Items_{Input.Items.Count - 1}__Title";
        return PageAsync(ct);
    }

    public Task<IActionResult> OnPostAddAssignmentAsync(int? id, int item, CancellationToken ct)
    {
        Id = id;
        ModelState.Clear();
        if (item >= 0 && item < Input.Items.Count)
        {
            Input.Items[item].Assignments.Add(new AssignmentInput());
            FocusField = $"Input_Items_{item}__Assignments_{Input.Items[item].Assignments.Count - 1}__Text";
        }
        return PageAsync(ct);
    }

    public Task<IActionResult> OnPostRemoveItemAsync(int? id, int item, CancellationToken ct)
    {
        Id = id;
        ModelState.Clear();
        if (item >= 0 && item < Input.Items.Count)
        {
            Input.Items.RemoveAt(item);
        }
        return PageAsync(ct);
    }

    private Task<IActionResult> SaveAsync(int? id, bool draft, CancellationToken ct)
    {
        Id = id;
        Input.IsDraft = draft;
        if (!ModelState.IsValid)
        {
            return PageAsync(ct);
        }
        return WriteAsync(async actor =>
        {
            var saved = await meetings.SaveAsync(id, Input, actor, ct);
            StatusMessage = draft ? "Черновик протокола сохранён." : "Протокол сохранён.";
            return draft ? RedirectToPage("Edit", new { id = saved }) : RedirectToPage("Details", new { id = saved });
        }, () => PageAsync(ct));
    }

    private async Task<IActionResult> PageAsync(CancellationToken ct)
    {
        Members = await meetings.MembersAsync(ct);
        if (Input.Items.Count == 0)
        {
            Input.Items.Add(new AgendaItemInput());
        }
        return Page();
    }

    private static MeetingInput ToInput(Meeting m) => new()
    {
        Number = m.Number, Date = m.Date, Place = m.Place, HeadName = m.HeadName, SecretaryName = m.SecretaryName,
        AttendanceCount = m.AttendanceCount, Attendees = m.Attendees, IsDraft = m.IsDraft,
        Items = m.Items.OrderBy(i => i.Position).Select(i => new AgendaItemInput
        {
            Id = i.Id, Title = i.Title, Speakers = i.Speakers, Summary = i.Summary, Decision = i.Decision,
            VotesFor = i.VotesFor, VotesAgainst = i.VotesAgainst, VotesAbstained = i.VotesAbstained,
            Assignments = i.Assignments.Select(a => new AssignmentInput { Id = a.Id, Text = a.Text, Assignee = a.Assignee, AssigneeUserId = a.AssigneeUserId, Deadline = a.Deadline }).ToList(),
        }).ToList(),
    };
}
