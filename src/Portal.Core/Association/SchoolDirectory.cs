using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Schools;

namespace Portal.Core.Association;

/// <summary>The district's schools as the association's forms offer them, and which school an actor works for.</summary>
public sealed class SchoolDirectory(PortalDbContext db)
{
    public Task<List<School>> ListAsync(CancellationToken ct) =>
        db.Schools.AsNoTracking().OrderBy(s => s.ShortName).ToListAsync(ct);

    /// <summary>
    /// The school a page works on: the one asked for when the actor may change it (head, admin),
    /// else the actor's own; null when there is none (an account not yet linked to a school).
    /// </summary>
    public static int? Resolve(AssociationActor actor, int? requested) =>
        requested is { } id && actor.MayChangeSchool(id) ? id : actor.SchoolId;
}
