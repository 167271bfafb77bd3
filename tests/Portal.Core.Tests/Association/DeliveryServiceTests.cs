using Portal.Core.Association;
using Portal.Core.Association.Deliveries;

namespace Portal.Core.Tests.Association;

public sealed class DeliveryServiceTests : IAsyncLifetime
{
    private readonly AssociationDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task Daily_reports_carry_yesterdays_lines_and_the_dashboard_sums_them()
    {
        await using var db = _db.Open();
        var service = new DeliveryService(db, _db.Clock);
        var yesterday = _db.Clock.Today.AddDays(-1);
        await service.SubmitAsync(_db.SchoolA, new DeliveryReportInput
        {
            Date = yesterday,
            Lines = [new() { Title = "Математика. 5 класс", Publisher = "Просвещение", CopiesOrdered = 50, CopiesReceived = 20 }, new()],
        }, _db.LibrarianA, default);

        var today = await service.FormAsync(_db.SchoolA, _db.Clock.Today, default);
        var line = Assert.Single(today.Lines);
        Assert.Equal(("Математика. 5 класс", 50, 20, (int?)null), (line.Title, line.CopiesOrdered, line.ReceivedBefore, line.CopiesReceived));

        line.CopiesReceived = 31;
        var tooMany = await Assert.ThrowsAsync<AssociationRuleException>(() => service.SubmitAsync(_db.SchoolA, today, _db.LibrarianA, default));
        Assert.Contains("заказано 50", tooMany.Message);
        line.CopiesReceived = 30;
        await service.SubmitAsync(_db.SchoolA, today, _db.LibrarianA, default);

        var dashboard = await service.DashboardAsync(_db.Clock.Today, default);
        var a = dashboard.Schools.Single(s => s.SchoolId == _db.SchoolA);
        var b = dashboard.Schools.Single(s => s.SchoolId == _db.SchoolB);
        Assert.Equal((ReportState.Reported, 50, 50, 30, 100.0), (a.State, a.Ordered, a.Received, a.ReceivedOnDay, a.Percent));
        Assert.Equal(ReportState.Missing, b.State);
        Assert.True(b.IsOverdue);
        Assert.Equal((1, 50, 50, 100.0), (dashboard.ReportedCount, dashboard.Ordered, dashboard.Received, dashboard.Percent));
        Assert.Equal(50, dashboard.Series[^1].Cumulative);
        Assert.Equal(20, dashboard.Series[^2].Received);
        Assert.Equal(DeliveryService.SeriesDays, dashboard.Series.Count);
    }

    [Fact]
    public async Task A_librarian_reports_only_for_their_school_and_not_for_tomorrow()
    {
        await using var db = _db.Open();
        var service = new DeliveryService(db, _db.Clock);
        await Assert.ThrowsAsync<AssociationRuleException>(() => service.SubmitAsync(_db.SchoolB, new DeliveryReportInput { Date = _db.Clock.Today }, _db.LibrarianA, default));
        var future = await Assert.ThrowsAsync<AssociationRuleException>(() => service.SubmitAsync(_db.SchoolA, new DeliveryReportInput { Date = _db.Clock.Today.AddDays(1) }, _db.LibrarianA, default));
        Assert.Equal("Date", future.Errors.Single().Field);
        // «Nothing arrived today» is a report too.
        await service.SubmitAsync(_db.SchoolA, new DeliveryReportInput { Date = _db.Clock.Today, Note = "Поставок не было" }, _db.LibrarianA, default);
        Assert.True(await service.HasReportAsync(_db.SchoolA, _db.Clock.Today, default));
    }

    [Fact]
    public void Chart_geometry_stays_inside_the_plot()
    {
        var series = Enumerable.Range(0, 30).Select(i => new DailyPoint(new DateOnly(2023, 9, 1).AddDays(i), i % 7 * 13, i * 40)).ToList();
        var chart = new DeliveryChart(series);
        Assert.Equal(30, chart.Bars.Count);
        Assert.Equal(100, chart.MaxDaily);
        Assert.All(chart.Bars, b => Assert.InRange(b.Y, DeliveryChart.Top - 0.001, chart.Baseline + 0.001));
        Assert.All(chart.Bars, b => Assert.InRange(b.X + b.Width, DeliveryChart.Left, chart.PlotRight));
        Assert.Equal(30, chart.LinePoints.Split(' ').Length);
    }

    [Theory]
    [InlineData("2023-10-13", "2023-10-16", 1)]
    [InlineData("2023-10-12", "2023-10-16", 2)]
    [InlineData("2023-10-16", "2023-10-16", 0)]
    public void Weekends_are_not_counted_as_missed_days(string from, string to, int expected) =>
        Assert.Equal(expected, DeliveryService.WorkingDaysBetween(DateOnly.Parse(from), DateOnly.Parse(to)));
}

public sealed class LateDeliveryReportTests : IAsyncLifetime
{
    private readonly AssociationDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task A_report_for_yesterday_handed_in_today_counts_but_is_flagged_late()
    {
        await using var db = _db.Open();
        var service = new DeliveryService(db, _db.Clock);
        var yesterday = _db.Clock.Today.AddDays(-1);
        await service.SubmitAsync(_db.SchoolA, new DeliveryReportInput { Date = yesterday, Note = "Поставок не было" }, _db.LibrarianA, default);
        var dashboard = await service.DashboardAsync(yesterday, default);
        Assert.Equal(ReportState.ReportedLate, dashboard.Schools.Single(s => s.SchoolId == _db.SchoolA).State);
        Assert.Equal("сдан с опозданием", DeliveryService.StateName(ReportState.ReportedLate));
        Assert.Equal(1, dashboard.ReportedCount);
    }
}
