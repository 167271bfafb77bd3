using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Documents;

namespace Portal.Core.Crawling;

/// <summary>Counts of an import.</summary>
public sealed record ImportSummary(int Read, int Added, int Changed, int Unchanged, int Skipped, IReadOnlyList<string> Problems);

/// <summary>
/// Normative documents as JSON Lines: import reads the corpus format (<c>id, title, doc_type, number,
/// date, issuer, text, source</c>, plus <c>status</c> and <c>url</c> of our own export); export writes
/// <c>id, title, doc_type, number, date, issuer, status, text, url, fetched_at, editions</c>.
/// </summary>
public static partial class DocumentJsonl
{
    private const int BatchSize = 200;

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public sealed record ImportRecord(
        [property: JsonPropertyName("id")] string? Id,
        [property: JsonPropertyName("title")] string? Title,
        [property: JsonPropertyName("doc_type")] string? DocType,
        [property: JsonPropertyName("number")] string? Number,
        [property: JsonPropertyName("date")] string? Date,
        [property: JsonPropertyName("issuer")] string? Issuer,
        [property: JsonPropertyName("status")] string? Status,
        [property: JsonPropertyName("text")] string? Text,
        [property: JsonPropertyName("url")] string? Url,
        [property: JsonPropertyName("source")] string? Source);

    public sealed record ExportRecord(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("title")] string Title,
        [property: JsonPropertyName("doc_type")] string DocType,
        [property: JsonPropertyName("number")] string? Number,
        [property: JsonPropertyName("date")] string? Date,
        [property: JsonPropertyName("issuer")] string? Issuer,
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("text")] string Text,
        [property: JsonPropertyName("url")] string? Url,
        [property: JsonPropertyName("fetched_at")] string? FetchedAt,
        [property: JsonPropertyName("editions")] int Editions);

    [GeneratedRegex(@"\((?<url>https?://[^)\s]+)\)")]
    private static partial Regex SourceUrl();

    public static async Task<ImportSummary> ImportAsync(Func<PortalDbContext> openDb, TextReader reader, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        int read = 0, added = 0, changed = 0, unchanged = 0, skipped = 0;
        var problems = new List<string>();
        var batch = new List<ImportRecord>();
        string? line;
        var lineNumber = 0;
        while ((line = await reader.ReadLineAsync(cancellationToken)) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            ImportRecord? record;
            try
            {
                record = JsonSerializer.Deserialize<ImportRecord>(line, Json);
            }
            catch (JsonException e)
            {
                skipped++;
                Problem(problems, $"строка {lineNumber}: не JSON ({e.Message})");
                continue;
            }
            if (record?.Id is not { Length: > 0 } || string.IsNullOrWhiteSpace(record.Title) || string.IsNullOrWhiteSpace(record.Text))
            {
                skipped++;
                Problem(problems, $"строка {lineNumber}: нет id, title или text");
                continue;
            }
            read++;
            batch.Add(record);
            if (batch.Count >= BatchSize)
            {
                (added, changed, unchanged) = Add((added, changed, unchanged), await SaveBatchAsync(openDb, batch, cancellationToken));
                batch.Clear();
                progress?.Report(read);
            }
        }
        (added, changed, unchanged) = Add((added, changed, unchanged), await SaveBatchAsync(openDb, batch, cancellationToken));
        progress?.Report(read);
        return new ImportSummary(read, added, changed, unchanged, skipped, problems);
    }

    private static (int, int, int) Add((int A, int C, int U) x, (int A, int C, int U) y) => (x.A + y.A, x.C + y.C, x.U + y.U);

    private static void Problem(List<string> problems, string text)
    {
        if (problems.Count < 100)
        {
            problems.Add(text);
        }
    }

    private static async Task<(int Added, int Changed, int Unchanged)> SaveBatchAsync(Func<PortalDbContext> openDb, List<ImportRecord> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return (0, 0, 0);
        }
        int added = 0, changed = 0, unchanged = 0;
        await using var db = openDb();
        var ids = batch.Select(r => r.Id!).Distinct().ToList();
        var existing = await db.NormativeDocuments.Where(d => d.ExternalId != null && ids.Contains(d.ExternalId)).ToDictionaryAsync(d => d.ExternalId!, cancellationToken);
        var lastEdition = await db.DocumentEditions.Where(e => existing.Values.Select(d => d.Id).Contains(e.DocumentId))
            .GroupBy(e => e.DocumentId).Select(g => new { g.Key, Max = g.Max(e => e.Number) }).ToDictionaryAsync(x => x.Key, x => x.Max, cancellationToken);
        var now = DateTime.UtcNow;
        foreach (var record in batch.DistinctBy(r => r.Id))
        {
            var text = record.Text!.Replace("\r\n", "\n");
            var hash = TextCleanup.Sha256(text);
            if (!existing.TryGetValue(record.Id!, out var document))
            {
                document = new NormativeDocument { ExternalId = record.Id, CreatedAt = now };
                db.NormativeDocuments.Add(document);
                added++;
            }
            else if (document.ContentHash == hash && document.Title == record.Title)
            {
                unchanged++;
                continue;
            }
            else
            {
                changed++;
            }
            document.Title = TextCleanup.Truncate(record.Title!, 2000);
            document.DocType = TextCleanup.Truncate(record.DocType ?? "Документ", 200);
            document.Number = record.Number is null ? null : TextCleanup.Truncate(record.Number, 100);
            document.Date = DateOnly.TryParseExact(record.Date, "yyyy-MM-dd", out var date) ? date : null;
            document.Issuer = record.Issuer is null ? null : TextCleanup.Truncate(record.Issuer, 500);
            document.Status = ParseStatus(record.Status) ?? document.Status;
            document.SourceUrl = record.Url ?? (record.Source is { } s && SourceUrl().Match(s) is { Success: true } m ? m.Groups["url"].Value : document.SourceUrl);
            document.UpdatedAt = now;
            if (document.ContentHash != hash)
            {
                document.Text = text;
                document.ContentHash = hash;
                var number = document.Id != 0 && lastEdition.TryGetValue(document.Id, out var max) ? max + 1 : 1;
                document.Editions.Add(new DocumentEdition { Number = number, Text = text, ContentHash = hash, SourceUrl = document.SourceUrl, Origin = "import", CreatedAt = now });
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return (added, changed, unchanged);
    }

    private static DocumentStatus? ParseStatus(string? status) => status?.Trim().ToLowerInvariant() switch
    {
        "действует" or "inforce" => DocumentStatus.InForce,
        "утратил силу" or "repealed" => DocumentStatus.Repealed,
        "не вступил в силу" or "notyetinforce" => DocumentStatus.NotYetInForce,
        _ => null,
    };

    public static async Task<int> ExportAsync(PortalDbContext db, TextWriter writer, CancellationToken cancellationToken)
    {
        var count = 0;
        var query = db.NormativeDocuments.AsNoTracking().OrderBy(d => d.Id).Select(d => new
        {
            d.Id, d.ExternalId, d.Title, d.DocType, d.Number, d.Date, d.Issuer, d.Status, d.Text, d.SourceUrl, d.FetchedAt,
            Editions = d.Editions.Count,
        });
        await foreach (var d in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var record = new ExportRecord(
                d.ExternalId ?? d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), d.Title, d.DocType, d.Number,
                d.Date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), d.Issuer, d.Status.ToRussian(), d.Text, d.SourceUrl,
                d.FetchedAt?.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), d.Editions);
            await writer.WriteLineAsync(JsonSerializer.Serialize(record, Json));
            count++;
        }
        return count;
    }
}
