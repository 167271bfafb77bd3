using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Crawling;
using Portal.Core.Data;

namespace Portal.Crawler.Fixture;

/// <summary>The issue's fixture targets, measured on what a crawl stored.</summary>
public sealed record FixtureMetrics
{
    public int Expected { get; init; }
    public int Found { get; init; }
    public int Stored { get; init; }
    public int Duplicates { get; init; }
    public double Recall => Expected == 0 ? 0 : (double)Found / Expected;
    public Dictionary<string, double> MeanF1ByFormat { get; init; } = [];
    public Dictionary<string, double> MinF1ByFormat { get; init; } = [];
    public double RequisitesAccuracy { get; init; }
    public int Mojibake { get; init; }
    public int DisallowedRequests { get; init; }
    public List<string> Problems { get; init; } = [];
}

public static partial class FixtureScore
{
    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Token();

    public static List<string> Tokens(string text) =>
        Token().Matches(text.ToLowerInvariant().Replace('ё', 'е')).Select(m => m.Value).ToList();

    /// <summary>Bag-of-tokens F1 of an extracted text against the true text.</summary>
    public static double TokenF1(string extracted, string truth)
    {
        var counts = new Dictionary<string, int>();
        var truthTokens = Tokens(truth);
        foreach (var t in truthTokens)
        {
            counts[t] = counts.GetValueOrDefault(t) + 1;
        }
        var extractedTokens = Tokens(extracted);
        var overlap = 0;
        foreach (var t in extractedTokens)
        {
            if (counts.TryGetValue(t, out var n) && n > 0)
            {
                counts[t] = n - 1;
                overlap++;
            }
        }
        if (overlap == 0)
        {
            return 0;
        }
        var precision = (double)overlap / extractedTokens.Count;
        var recall = (double)overlap / truthTokens.Count;
        return 2 * precision * recall / (precision + recall);
    }

    public static string FormatName(FixtureFormat format) => format switch
    {
        FixtureFormat.Pdf => "pdf",
        FixtureFormat.Docx => "docx",
        _ => "html",
    };

    public static async Task<FixtureMetrics> ScoreAsync(PortalDbContext db, FixtureSite site, CancellationToken cancellationToken = default)
    {
        var stored = await db.NormativeDocuments.AsNoTracking().Where(d => d.ExternalId != null && d.ExternalId.StartsWith("crawl:"))
            .Select(d => new { d.Id, d.SourceUrl, d.Text, d.DocType, d.Number, d.Date }).ToListAsync(cancellationToken);
        var problems = new List<string>();
        var byUrl = stored.Where(d => d.SourceUrl != null).GroupBy(d => d.SourceUrl!).ToDictionary(g => g.Key, g => g.ToList());
        var f1 = new Dictionary<string, List<double>>();
        var found = 0;
        var requisitesOk = 0;
        var matchedIds = new HashSet<int>();
        foreach (var expected in site.Documents)
        {
            var url = new Uri(site.BaseUrl, expected.Url).AbsoluteUri;
            if (!byUrl.TryGetValue(url, out var docs))
            {
                var lastError = await db.CrawlPages.AsNoTracking().Where(p => p.Url == url).Select(p => p.LastError).FirstOrDefaultAsync(cancellationToken);
                problems.Add($"не найден: {expected.Url} ({expected.ReachedBy}, {expected.Format}): {lastError ?? "не обнаружен"}");
                continue;
            }
            found++;
            var doc = docs[0];
            matchedIds.UnionWith(docs.Select(d => d.Id));
            var score = TokenF1(doc.Text, expected.TrueText);
            var format = FormatName(expected.Format);
            (f1.TryGetValue(format, out var list) ? list : f1[format] = []).Add(score);
            if (score < 0.95)
            {
                problems.Add($"текст {expected.Url}: F1 {score:0.000}");
            }
            if (doc.DocType == expected.Act.DocType && doc.Number == expected.Act.Number && doc.Date == expected.Act.Date)
            {
                requisitesOk++;
            }
            else
            {
                problems.Add($"реквизиты {expected.Url}: «{doc.DocType}» № {doc.Number} от {doc.Date} вместо «{expected.Act.DocType}» № {expected.Act.Number} от {expected.Act.Date}");
            }
        }
        var duplicates = stored.Count(d => !matchedIds.Contains(d.Id)) + byUrl.Values.Sum(v => v.Count - 1);
        foreach (var extra in stored.Where(d => !matchedIds.Contains(d.Id)))
        {
            problems.Add($"лишний документ: {extra.SourceUrl}");
        }
        var disallowed = site.Requests.Count(r => r.PathAndQuery.StartsWith("/private/", StringComparison.Ordinal));
        return new FixtureMetrics
        {
            Expected = site.Documents.Count,
            Found = found,
            Stored = stored.Count,
            Duplicates = duplicates,
            MeanF1ByFormat = f1.ToDictionary(p => p.Key, p => p.Value.Average()),
            MinF1ByFormat = f1.ToDictionary(p => p.Key, p => p.Value.Min()),
            RequisitesAccuracy = found == 0 ? 0 : (double)requisitesOk / site.Documents.Count,
            Mojibake = stored.Count(d => Mojibake.Detect(d.Text)),
            DisallowedRequests = disallowed,
            Problems = problems,
        };
    }
}
