using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Core.Data;

namespace Portal.Core.Content;

/// <summary>
/// The upsert rule shared by every importer of <c>content/</c>:
/// <list type="bullet">
/// <item>a row is created on first start;</item>
/// <item>on a later start a changed file updates the row only if the row was not edited in the UI since the
/// seed last wrote it; if both changed, the UI edit wins and a warning names the file;</item>
/// <item>rows are never deleted because a file disappeared, and a row deleted in the UI is not re-created.</item>
/// </list>
/// <para>
/// "Changed" is judged on the values the file sets, not on its bytes: <see cref="ContentSeedRecord.FileHash"/> is a
/// SHA-256 over those values as written to the row, so reformatting a file changes nothing and the same
/// fingerprint computed from the row tells whether a UI edit touched them. A row counts as edited in the UI
/// when its UpdatedAt moved past <see cref="ContentSeedRecord.AppliedRowVersion"/> AND its seeded values differ
/// from what the seed wrote; the second test keeps a crawler that only fills a document's text, or a UI save
/// that changed nothing, from freezing the row.
/// </para>
/// <para>
/// A record keyed "kind/*" holds a hash of all the kind's files; when it matches and the import that wrote
/// it skipped nothing, the files are not parsed at all, which keeps an ordinary start cheap.
/// </para>
/// </summary>
public abstract class SeedingImporter<TEntity> : IContentImporter where TEntity : class
{
    /// <summary>The author recorded on revisions that the seed creates.</summary>
    public const string SeedAuthor = "Руководитель РМО";

    public abstract int Order { get; }

    /// <summary>Prefix of <see cref="ContentSeedRecord.Key"/>: "school", "document", "material", "neb".</summary>
    protected abstract string Kind { get; }

    /// <summary>One thing read from <c>content/</c>: its slug, the file it came from and how it sets a row.</summary>
    protected sealed record SeedItem(string Slug, string File, Action<TEntity> Apply);

    /// <summary>Reads the items; a broken file is reported through <paramref name="fail"/> and skipped.</summary>
    protected abstract IEnumerable<SeedItem> Read(ContentSeedContext context, Action<ContentFileException> fail);

    /// <summary>The existing rows for these slugs, by slug.</summary>
    protected abstract Task<Dictionary<string, TEntity>> FindAsync(PortalDbContext db, IReadOnlyCollection<string> slugs, CancellationToken cancellationToken);

    protected abstract TEntity Create(string slug);

    /// <summary>The seeded values of a row, in a fixed order (see <see cref="Fingerprint"/>).</summary>
    protected abstract IEnumerable<object?> SeededValues(TEntity row);

    /// <summary>The row's last-change time, or null for entities that have none (then only values are compared).</summary>
    protected abstract DateTime? UpdatedAt(TEntity row);

    protected abstract void Touch(TEntity row, DateTime now);

    /// <summary>Extra rows to write beside a created or updated one (a material's revision).</summary>
    protected virtual void AfterApply(PortalDbContext db, TEntity row, SeedItem item, bool created, DateTime now)
    {
    }

    public async Task ImportAsync(PortalDbContext db, ContentSeedContext context, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);

        // Fast path for the usual start: when no file of this kind changed since an import that went
        // through cleanly, nothing can change (rule 2), so the files are not even parsed.
        var sourcesKey = $"{Kind}/*";
        var sourcesHash = HashSources(context);
        var sources = await db.ContentSeedRecords.SingleOrDefaultAsync(r => r.Key == sourcesKey, cancellationToken);
        if (sources?.FileHash == sourcesHash)
        {
            context.Logger.LogInformation("content/{Kind}: файлы не изменились / files unchanged ({Elapsed} ms)", Kind,
                (int)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return;
        }

        var items = new List<SeedItem>();
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in Read(context, ex => Skip(context, ex, counts)))
        {
            if (slugs.Add(item.Slug))
            {
                items.Add(item);
            }
            else
            {
                Skip(context, new ContentFileException(item.File, null,
                    $"slug «{item.Slug}» уже встречался в другом файле / duplicate slug"), counts);
            }
        }

        // Two queries per kind instead of two per file: most starts change nothing.
        var keys = items.Select(i => RecordKey(i.Slug)).ToList();
        var records = await db.ContentSeedRecords.Where(r => keys.Contains(r.Key)).ToDictionaryAsync(r => r.Key, StringComparer.Ordinal, cancellationToken);
        var rows = await FindAsync(db, slugs, cancellationToken);
        foreach (var item in items)
        {
            try
            {
                var outcome = await UpsertAsync(db, context, item, records.GetValueOrDefault(RecordKey(item.Slug)), rows.GetValueOrDefault(item.Slug), cancellationToken);
                counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
            }
            catch (DbUpdateException ex)
            {
                db.ChangeTracker.Clear();
                context.Logger.LogError(ex, "content: {File}: не удалось сохранить в базу / could not be saved", item.File);
                counts[Skipped] = counts.GetValueOrDefault(Skipped) + 1;
            }
        }
        if (!counts.ContainsKey(Skipped))
        {
            // Remember the files only when every one of them was applied; otherwise the next start retries.
            sources ??= db.ContentSeedRecords.Add(new ContentSeedRecord { Key = sourcesKey }).Entity;
            if (db.Entry(sources).State == EntityState.Detached)
            {
                db.Attach(sources);
            }
            sources.FileHash = sourcesHash;
            sources.AppliedAt = sources.AppliedRowVersion = DateTime.UtcNow;
            await db.SaveChangesAsync(cancellationToken);
        }
        context.Logger.LogInformation("content/{Kind}: {Counts} ({Elapsed} ms)", Kind,
            string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}")),
            (int)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private const string Skipped = "skipped";

    private string RecordKey(string slug) => $"{Kind}/{slug}";

    /// <summary>
    /// SHA-256 over the names and bytes of this importer's files plus <see cref="FormatVersion"/>, so a
    /// release that reads the files differently re-applies them once.
    /// </summary>
    private string HashSources(ContentSeedContext context)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"v{FormatVersion}\n"));
        foreach (var path in SourceFiles(context).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(context.ContentDirectory, path) + "\n"));
            try
            {
                hash.AppendData(File.ReadAllBytes(path));
            }
            catch (IOException)
            {
                // Unreadable now: the slow path reports it, and a skipped import is never remembered.
                hash.AppendData(Guid.NewGuid().ToByteArray());
            }
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Bump when the mapping from files to rows changes.</summary>
    protected virtual int FormatVersion => 1;

    /// <summary>The files this importer reads (for change detection).</summary>
    protected abstract IEnumerable<string> SourceFiles(ContentSeedContext context);

    /// <summary>Every <c>*.md</c> file of a content subfolder.</summary>
    protected static IEnumerable<string> MarkdownFilesIn(ContentSeedContext context, string folder)
    {
        var directory = Path.Combine(context.ContentDirectory, folder);
        return Directory.Exists(directory) ? Directory.EnumerateFiles(directory, "*.md") : [];
    }

    private static void Skip(ContentSeedContext context, ContentFileException ex, Dictionary<string, int> counts)
    {
        context.Logger.LogError("content: файл пропущен / file skipped: {Message}", ex.Message);
        counts[Skipped] = counts.GetValueOrDefault(Skipped) + 1;
    }

    private async Task<string> UpsertAsync(PortalDbContext db, ContentSeedContext context, SeedItem item,
        ContentSeedRecord? record, TEntity? row, CancellationToken cancellationToken)
    {
        var key = RecordKey(item.Slug);
        // After a failed save the tracker is cleared; rows loaded up front must be tracked again to be saved.
        foreach (var entity in new object?[] { record, row })
        {
            if (entity is not null && db.Entry(entity).State == EntityState.Detached)
            {
                db.Attach(entity);
            }
        }
        var proposed = Create(item.Slug);
        item.Apply(proposed);
        var fileHash = Fingerprint(proposed);
        var now = DateTime.UtcNow;

        if (row is null)
        {
            if (record is not null)
            {
                // Seeded once, then deleted in the UI: the deletion stands.
                return "deleted in UI";
            }
            Touch(proposed, now);
            db.Add(proposed);
            AfterApply(db, proposed, item, created: true, now);
            await db.SaveChangesAsync(cancellationToken);
            db.ContentSeedRecords.Add(new ContentSeedRecord { Key = key, FileHash = fileHash, AppliedRowVersion = UpdatedAt(proposed) ?? now, AppliedAt = now });
            await db.SaveChangesAsync(cancellationToken);
            return "created";
        }

        if (record is null)
        {
            if (Fingerprint(row) == fileHash)
            {
                db.ContentSeedRecords.Add(new ContentSeedRecord { Key = key, FileHash = fileHash, AppliedRowVersion = UpdatedAt(row) ?? now, AppliedAt = now });
                await db.SaveChangesAsync(cancellationToken);
                return "unchanged";
            }
            context.Logger.LogWarning(
                "content: {File}: запись «{Slug}» уже есть в базе и создана не из этого файла — оставлена как есть / row exists and was not created from this file; kept",
                item.File, item.Slug);
            return "kept (UI)";
        }

        if (record.FileHash == fileHash)
        {
            return "unchanged";
        }

        var movedOn = UpdatedAt(row) is not { } updatedAt || updatedAt != record.AppliedRowVersion;
        if (movedOn && Fingerprint(row) != record.FileHash)
        {
            context.Logger.LogWarning(
                "content: {File}: файл изменён, но запись «{Slug}» правили в интерфейсе — сохранена правка из интерфейса; перенесите изменения вручную / file changed but the row was edited in the UI; the UI edit wins",
                item.File, item.Slug);
            return "kept (UI)";
        }

        item.Apply(row);
        Touch(row, now);
        AfterApply(db, row, item, created: false, now);
        await db.SaveChangesAsync(cancellationToken);
        record.FileHash = fileHash;
        record.AppliedRowVersion = UpdatedAt(row) ?? now;
        record.AppliedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return "updated";
    }

    private string Fingerprint(TEntity row)
    {
        var text = new StringBuilder();
        foreach (var value in SeededValues(row))
        {
            var formatted = value switch
            {
                null => "\u2400",
                DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                DateTime t => t.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                _ => value.ToString()!.Replace("\r\n", "\n", StringComparison.Ordinal),
            };
            // Length prefix: no two different value lists give the same text.
            text.Append(formatted.Length).Append(':').Append(formatted).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// Every <c>*.md</c> file of a subfolder, turned into an item by <paramref name="parse"/>; a file that cannot
    /// be read or parsed is reported through <paramref name="fail"/> and skipped.
    /// </summary>
    protected static IEnumerable<SeedItem> ReadMarkdownFolder(ContentSeedContext context, string folder,
        Action<ContentFileException> fail, Func<FrontMatterFile, string, SeedItem> parse)
    {
        foreach (var path in MarkdownFilesIn(context, folder).Order(StringComparer.Ordinal))
        {
            var display = DisplayPath(context, path);
            SeedItem? item = null;
            try
            {
                item = parse(FrontMatterReader.ReadFile(path, display), display);
            }
            catch (ContentFileException ex)
            {
                fail(ex);
            }
            catch (IOException ex)
            {
                fail(new ContentFileException(display, null, $"не удалось прочитать файл / cannot read: {ex.Message}", ex));
            }
            if (item is not null)
            {
                yield return item;
            }
        }
    }

    /// <summary>"content/documents/273-fz.md": how people see the file in the repository.</summary>
    protected static string DisplayPath(ContentSeedContext context, string path) =>
        Path.Combine(Path.GetFileName(context.ContentDirectory.TrimEnd(Path.DirectorySeparatorChar)),
            Path.GetRelativePath(context.ContentDirectory, path)).Replace('\\', '/');

    /// <summary>A slug is the stable key in links and records: lower-case Latin letters, digits and hyphens.</summary>
    protected static string Slug(ContentYaml yaml, string? value)
    {
        var slug = yaml.Required("slug", value);
        return IsSlug(slug)
            ? slug
            : throw yaml.FieldError("slug", $"«{slug}»: только строчные латинские буквы, цифры и дефис / only a-z, 0-9 and '-'");
    }

    protected static bool IsSlug(string slug) =>
        slug.Length is > 0 and <= 200 && slug.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-');
}
