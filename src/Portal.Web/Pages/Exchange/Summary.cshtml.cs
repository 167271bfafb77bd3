using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Portal.Core.Association;
using Portal.Core.Association.Exchange;
using Portal.Web.Infrastructure;

namespace Portal.Web.Pages.Exchange;

[Authorize(Policy = Policies.Publish)]
public sealed class SummaryModel(ExchangeService exchange) : AssociationPageModel
{
    public ExchangeSummary Summary { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Summary = await exchange.SummaryAsync(ct);

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct) =>
        File(TableExport.ToXlsx(ExchangeService.SummaryTables(await exchange.SummaryAsync(ct))), TableExport.XlsxContentType, "obmennyi-fond-svodka.xlsx");

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct) =>
        File(TableExport.ToCsv(ExchangeService.SummaryTables(await exchange.SummaryAsync(ct))[0]), TableExport.CsvContentType, "obmennyi-fond-po-shkolam.csv");
}
