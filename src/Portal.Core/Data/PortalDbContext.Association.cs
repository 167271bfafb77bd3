using Microsoft.EntityFrameworkCore;
using Portal.Core.Association.Databank;
using Portal.Core.Association.Deliveries;
using Portal.Core.Association.Exchange;
using Portal.Core.Association.Meetings;
using Portal.Core.Association.Plans;

namespace Portal.Core.Data;

public sealed partial class PortalDbContext
{
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<AgendaItem> AgendaItems => Set<AgendaItem>();
    public DbSet<Assignment> Assignments => Set<Assignment>();
    public DbSet<WorkPlan> WorkPlans => Set<WorkPlan>();
    public DbSet<PlanEvent> PlanEvents => Set<PlanEvent>();
    public DbSet<ExchangeOffer> ExchangeOffers => Set<ExchangeOffer>();
    public DbSet<ExchangeRequest> ExchangeRequests => Set<ExchangeRequest>();
    public DbSet<ExchangeRequestEvent> ExchangeRequestEvents => Set<ExchangeRequestEvent>();
    public DbSet<LibrarianProfile> LibrarianProfiles => Set<LibrarianProfile>();
    public DbSet<DatabankUpdateRequest> DatabankUpdateRequests => Set<DatabankUpdateRequest>();
    public DbSet<DeliveryOrderLine> DeliveryOrderLines => Set<DeliveryOrderLine>();
    public DbSet<DeliveryReport> DeliveryReports => Set<DeliveryReport>();
    public DbSet<DeliveryReceipt> DeliveryReceipts => Set<DeliveryReceipt>();
}
