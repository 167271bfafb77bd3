using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portal.Core.Association;
using Portal.Core.Association.Deliveries;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Deliveries;

/// <summary>The head's dashboard: who reported today, per-school and district totals, percent delivered, chart, exports.</summary>
[Authorize(Policy = Policies.Publish)]
public sealed class DashboardModel(DeliveryService deliveries, IAssociationClock clock) : AssociationPageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? Date { get; set; }

    public DeliveryDashboard Dashboard { get; private set; } = null!;
    public DeliveryChart Chart { get; private set; } = null!;
    public DateOnly Today => clock.Today;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Dashboard = await deliveries.DashboardAsync(Date ?? clock.Today, ct);
        Chart = new DeliveryChart(Dashboard.Series);
    }

    public async Task<IActionResult> OnGetExportAsync(string format, CancellationToken ct)
    {
        var dashboard = await deliveries.DashboardAsync(Date ?? clock.Today, ct);
        var table = DeliveryService.ExportTable(dashboard);
        var name = $"postavki-{dashboard.Date:yyyy-MM-dd}";
        return format == "csv"
            ? File(TableExport.ToCsv(table), TableExport.CsvContentType, name + ".csv")
            : File(TableExport.ToXlsx(table), TableExport.XlsxContentType, name + ".xlsx");
    }
}
