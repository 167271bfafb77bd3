using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portal.Core.Association.Meetings;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Meetings;

public sealed class DetailsModel(MeetingService meetings, IAuthorizationService authorization) : AssociationPageModel
{
    public Meeting Meeting { get; private set; } = null!;
    public bool CanPublish { get; private set; }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        CanPublish = (await authorization.AuthorizeAsync(User, Policies.Publish)).Succeeded;
        var meeting = await meetings.GetAsync(id, ct);
        if (meeting is null || (meeting.IsDraft && !CanPublish))
        {
            return false;
        }
        Meeting = meeting;
        return true;
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetDocxAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct)
            ? File(ProtocolDocxWriter.Write(Meeting), "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                $"protocol-{Meeting.Number}-{Meeting.Date:yyyy-MM-dd}.docx")
            : NotFound();

    public Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct) =>
        WriteAsync(async actor =>
        {
            if (!await meetings.DeleteAsync(id, actor, ct))
            {
                return NotFound();
            }
            StatusMessage = "Протокол удалён.";
            return RedirectToPage("Index");
        }, () => OnGetAsync(id, ct));
}
