using System.Globalization;
using System.Text.Json;
using Portal.Core.Documents;
using Portal.Core.Search;
using Portal.Core.Search.Sources;

namespace Portal.Eval;

/// <summary>One record of the regulations corpus (JSON Lines).</summary>
public sealed record CorpusRecord(string Id, string Title, string DocType, string? Number, string? Date, string? Issuer, string Text)
{
    /// <summary>The record as the portal stores it, mapped to the index by the portal's own document source.</summary>
    public SearchDocument ToSearchDocument(int ordinal)
    {
        var document = new NormativeDocument
        {
            Id = ordinal,
            ExternalId = Id,
            Title = Title,
            DocType = DocType,
            Number = Number,
            Date = DateOnly.TryParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null,
            Issuer = Issuer,
            Text = Text,
        };
        return NormativeDocumentSearchSource.ToSearchDocument(document, key: Id);
    }

    public static List<CorpusRecord> Load(string path)
    {
        var records = new List<CorpusRecord>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            string? Str(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            records.Add(new CorpusRecord(Str("id")!, Str("title") ?? "", Str("doc_type") ?? "", Str("number"), Str("date"), Str("issuer"), Str("text") ?? ""));
        }
        return records;
    }
}

/// <summary>A judged query: grades 2 (highly relevant), 1 (relevant).</summary>
public sealed record JudgedQuery(string Id, string Query, IReadOnlyDictionary<string, int> Relevant)
{
    public static List<JudgedQuery> Load(string path)
    {
        var result = new List<JudgedQuery>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var relevant = root.GetProperty("relevant").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
            result.Add(new JudgedQuery(root.GetProperty("id").GetString()!, root.GetProperty("query").GetString()!, relevant));
        }
        return result;
    }
}

/// <summary>nDCG@k (gain 2^g − 1), recall@k over grade ≥ 1, MRR@k.</summary>
public static class Metrics
{
    public static double Ndcg(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> relevant, int k)
    {
        double dcg = 0;
        for (var i = 0; i < Math.Min(k, ranking.Count); i++)
        {
            if (relevant.TryGetValue(ranking[i], out var grade))
            {
                dcg += (Math.Pow(2, grade) - 1) / Math.Log2(i + 2);
            }
        }
        var ideal = relevant.Values.OrderByDescending(g => g).Take(k).Select((g, i) => (Math.Pow(2, g) - 1) / Math.Log2(i + 2)).Sum();
        return ideal == 0 ? 0 : dcg / ideal;
    }

    public static double Recall(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> relevant, int k)
    {
        var total = relevant.Count(r => r.Value >= 1);
        return total == 0 ? 0 : (double)ranking.Take(k).Count(id => relevant.TryGetValue(id, out var g) && g >= 1) / total;
    }

    public static double Mrr(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> relevant, int k)
    {
        for (var i = 0; i < Math.Min(k, ranking.Count); i++)
        {
            if (relevant.TryGetValue(ranking[i], out var g) && g >= 1)
            {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    public static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return 0;
        }
        var sorted = values.Order().ToList();
        var index = (int)Math.Ceiling(p * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }
}
