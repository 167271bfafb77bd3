namespace Portal.Eval.Tests;

/// <summary>The scorers of the judged sets, on rankings worked out by hand.</summary>
public sealed class MetricsTests
{
    private static readonly Dictionary<string, int> Judged = new() { ["a"] = 2, ["b"] = 1, ["c"] = 1 };

    [Fact]
    public void Ndcg_is_one_for_the_ideal_order_and_counts_gain_two_to_the_grade_minus_one()
    {
        Assert.Equal(1.0, Metrics.Ndcg(["a", "b", "c"], Judged, 10), 9);
        // dcg = 1/log2(2) + 3/log2(3); ideal = 3/log2(2) + 1/log2(3) + 1/log2(4)
        var expected = (1.0 + 3 / Math.Log2(3)) / (3 + 1 / Math.Log2(3) + 0.5);
        Assert.Equal(expected, Metrics.Ndcg(["b", "a", "x"], Judged, 10), 9);
        Assert.Equal(0.0, Metrics.Ndcg(["x", "y"], Judged, 10));
    }

    [Fact]
    public void Recall_and_reciprocal_rank_look_at_the_first_k_only()
    {
        Assert.Equal(2.0 / 3, Metrics.Recall(["x", "a", "c", "b"], Judged, 3), 9);
        Assert.Equal(0.5, Metrics.Mrr(["x", "b"], Judged, 10));
        Assert.Equal(0.0, Metrics.Mrr(["x", "y", "a"], Judged, 2));
    }

    [Fact]
    public void Percentile_takes_the_nearest_rank()
    {
        List<double> values = [5, 1, 4, 2, 3];
        Assert.Equal(3, Metrics.Percentile(values, 0.5));
        Assert.Equal(5, Metrics.Percentile(values, 0.99));
        Assert.Equal(0, Metrics.Percentile([], 0.5));
    }
}
