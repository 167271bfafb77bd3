using System.Globalization;

namespace Portal.Core.Association.Deliveries;

public sealed record ChartBar(double X, double Y, double Width, double Height, DailyPoint Point);

public sealed record ChartTick(double Position, string Label);

/// <summary>
/// Geometry of the dashboard's bar chart (copies received per day) and the cumulative line, in SVG
/// user units. Computed here so the page only writes attributes: no inline styles, no script.
/// </summary>
public sealed class DeliveryChart
{
    public const double Width = 720;
    public const double Height = 260;
    public const double Left = 48;
    public const double Right = 48;
    public const double Top = 16;
    public const double Bottom = 40;

    public DeliveryChart(IReadOnlyList<DailyPoint> series)
    {
        Series = series;
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        MaxDaily = NiceCeiling(series.Count == 0 ? 0 : series.Max(p => p.Received));
        MaxCumulative = NiceCeiling(series.Count == 0 ? 0 : series.Max(p => p.Cumulative));
        var step = series.Count == 0 ? 0 : plotWidth / series.Count;
        Bars = series.Select((p, i) =>
        {
            var h = MaxDaily == 0 ? 0 : plotHeight * p.Received / MaxDaily;
            return new ChartBar(Left + i * step + step * 0.15, Top + plotHeight - h, step * 0.7, h, p);
        }).ToList();
        LinePoints = string.Join(" ", series.Select((p, i) =>
            F(Left + i * step + step / 2) + "," + F(Top + plotHeight - (MaxCumulative == 0 ? 0 : plotHeight * p.Cumulative / MaxCumulative))));
        XTicks = series.Select((p, i) => (p, i)).Where(x => x.i % 5 == 0 || x.i == series.Count - 1)
            .Select(x => new ChartTick(Left + x.i * step + step / 2, x.p.Date.ToString("dd.MM", CultureInfo.InvariantCulture))).ToList();
        YTicks = Enumerable.Range(0, 5).Select(k => new ChartTick(Top + plotHeight - plotHeight * k / 4, F(MaxDaily * k / 4.0))).ToList();
        YRightTicks = Enumerable.Range(0, 5).Select(k => new ChartTick(Top + plotHeight - plotHeight * k / 4, F(MaxCumulative * k / 4.0))).ToList();
    }

    public IReadOnlyList<DailyPoint> Series { get; }
    public int MaxDaily { get; }
    public int MaxCumulative { get; }
    public IReadOnlyList<ChartBar> Bars { get; }
    public string LinePoints { get; }
    public IReadOnlyList<ChartTick> XTicks { get; }
    public IReadOnlyList<ChartTick> YTicks { get; }
    public IReadOnlyList<ChartTick> YRightTicks { get; }
    public double Baseline => Height - Bottom;
    public double PlotRight => Width - Right;

    public static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>1, 2, 5 × 10ⁿ at or above the value, so axis labels are round numbers.</summary>
    public static int NiceCeiling(int value)
    {
        if (value <= 0)
        {
            return 0;
        }
        var magnitude = (int)Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var factor in new[] { 1, 2, 4, 5, 10 })
        {
            if (factor * magnitude >= value)
            {
                return factor * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
