using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Association.Plans;

/// <summary>Reading the work plan, and the head marking how each event went.</summary>
public sealed class WorkPlanService(PortalDbContext db, IAssociationClock clock)
{
    public Task<List<string>> YearsAsync(CancellationToken ct) =>
        db.WorkPlans.AsNoTracking().OrderByDescending(p => p.AcademicYear).Select(p => p.AcademicYear).ToListAsync(ct);

    /// <summary>The plan of <paramref name="academicYear"/>, or the latest one when it is null.</summary>
    public Task<WorkPlan?> GetAsync(string? academicYear, CancellationToken ct) =>
        db.WorkPlans.AsNoTracking()
            .Include(p => p.Events.OrderBy(e => e.Position))
            .Where(p => academicYear == null || p.AcademicYear == academicYear)
            .OrderByDescending(p => p.AcademicYear)
            .FirstOrDefaultAsync(ct);

    public async Task SetStatusAsync(int eventId, PlanEventStatus status, AssociationActor actor, CancellationToken ct)
    {
        actor.EnsureHeadOrAdmin();
        var planEvent = await db.PlanEvents.Include(e => e.WorkPlan).FirstOrDefaultAsync(e => e.Id == eventId, ct) ?? throw new KeyNotFoundException();
        planEvent.Status = status;
        planEvent.WorkPlan!.UpdatedAt = clock.UtcNow;
        await db.SaveChangesAsync(ct);
    }
}
