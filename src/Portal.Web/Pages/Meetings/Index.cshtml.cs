using Microsoft.AspNetCore.Authorization;
using Portal.Core.Association.Meetings;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Meetings;

public sealed class IndexModel(MeetingService meetings, IAuthorizationService authorization) : AssociationPageModel
{
    public List<Meeting> Meetings { get; private set; } = [];
    public bool CanPublish { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        CanPublish = (await authorization.AuthorizeAsync(User, Policies.Publish)).Succeeded;
        Meetings = await meetings.ListAsync(includeDrafts: CanPublish, ct);
    }
}
