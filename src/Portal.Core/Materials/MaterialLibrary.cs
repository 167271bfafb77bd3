using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Common;
using Portal.Core.Data;

namespace Portal.Core.Materials;

public sealed record MaterialListItem(int Id, string Slug, string Title, string Category, string Tags, string Summary, bool IsPublished, DateTime? PublishedAt, DateTime UpdatedAt, string? AuthorName);

/// <summary>What the head types in the editor.</summary>
public sealed record MaterialInput
{
    public string Title { get; init; } = "";
    public string? Slug { get; init; }
    public string Category { get; init; } = "";
    public string? Tags { get; init; }
    public string? Summary { get; init; }
    public string BodyMarkdown { get; init; } = "";
    public string? Comment { get; init; }
    /// <summary>The revision the editor started from; a newer one saved meanwhile is reported, not overwritten.</summary>
    public int? BaseRevision { get; init; }
}

/// <summary>Outcome of a save: the material, or a message for one field ("" for the whole form); <see cref="CurrentRevision"/> when another save came first.</summary>
public sealed record MaterialSaveResult(Material? Material, string? ErrorField, string? Error, int? CurrentRevision = null);

/// <summary>
/// Methodological materials: readers see published ones; the head writes drafts, publishes and
/// unpublishes; every save that changes the text is kept as a numbered revision.
/// </summary>
public sealed partial class MaterialLibrary(PortalDbContext db)
{
    public const string FileOwnerKind = "material";

    /// <summary>Slugs that are paths of the editor, never of a material.</summary>
    public static readonly IReadOnlySet<string> ReservedSlugs = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "new", "edit", "preview", "drafts" };

    public async Task<List<MaterialListItem>> ListAsync(string? category, string? tag, bool includeDrafts, CancellationToken cancellationToken)
    {
        var q = db.Materials.AsNoTracking();
        if (!includeDrafts)
        {
            q = q.Where(m => m.IsPublished);
        }
        if (!string.IsNullOrWhiteSpace(category))
        {
            q = q.Where(m => m.Category == category);
        }
        var items = await q.OrderByDescending(m => m.PublishedAt ?? m.UpdatedAt).ThenBy(m => m.Title)
            .Select(m => new MaterialListItem(m.Id, m.Slug, m.Title, m.Category, m.Tags, m.Summary, m.IsPublished, m.PublishedAt, m.UpdatedAt, m.AuthorName))
            .ToListAsync(cancellationToken);
        if (!string.IsNullOrWhiteSpace(tag))
        {
            // Tags are a comma list; filtering after the query keeps "учёт" from matching "учёт фонда".
            var wanted = tag.Trim().ToLowerInvariant();
            items = items.Where(m => MaterialTags.Parse(m.Tags).Contains(wanted)).ToList();
        }
        return items;
    }

    public async Task<(IReadOnlyList<(string Name, int Count)> Categories, IReadOnlyList<(string Name, int Count)> Tags)> FacetsAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Materials.AsNoTracking().Where(m => m.IsPublished).Select(m => new { m.Category, m.Tags }).ToListAsync(cancellationToken);
        var comparer = StringComparer.Create(RussianFormat.Culture, true);
        var categories = rows.Where(r => r.Category.Length > 0).GroupBy(r => r.Category).Select(g => (g.Key, g.Count())).OrderBy(g => g.Key, comparer).ToList();
        var tags = rows.SelectMany(r => MaterialTags.Parse(r.Tags)).GroupBy(t => t).Select(g => (g.Key, g.Count())).OrderBy(g => g.Key, comparer).ToList();
        return (categories, tags);
    }

    public Task<List<MaterialListItem>> LatestAsync(int count, CancellationToken cancellationToken) =>
        db.Materials.AsNoTracking().Where(m => m.IsPublished).OrderByDescending(m => m.PublishedAt).Take(count)
            .Select(m => new MaterialListItem(m.Id, m.Slug, m.Title, m.Category, m.Tags, m.Summary, m.IsPublished, m.PublishedAt, m.UpdatedAt, m.AuthorName))
            .ToListAsync(cancellationToken);

    public Task<Material?> GetAsync(string slug, CancellationToken cancellationToken) =>
        db.Materials.AsNoTracking().FirstOrDefaultAsync(m => m.Slug == slug, cancellationToken);

    public Task<Material?> GetAsync(int id, CancellationToken cancellationToken) =>
        db.Materials.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);

    public Task<List<MaterialRevision>> RevisionsAsync(int materialId, CancellationToken cancellationToken) =>
        db.MaterialRevisions.AsNoTracking().Where(r => r.MaterialId == materialId).OrderByDescending(r => r.Number).ToListAsync(cancellationToken);

    public Task<MaterialRevision?> GetRevisionAsync(int materialId, int number, CancellationToken cancellationToken) =>
        db.MaterialRevisions.AsNoTracking().FirstOrDefaultAsync(r => r.MaterialId == materialId && r.Number == number, cancellationToken);

    /// <summary>
    /// Creates (id null) or updates a material. The text is kept as a revision whenever title,
    /// summary or body changed. <paramref name="publish"/>: true publishes, false unpublishes, null keeps the state.
    /// </summary>
    public async Task<MaterialSaveResult> SaveAsync(int? id, MaterialInput input, bool? publish, string author, CancellationToken cancellationToken)
    {
        Material? material;
        if (id is null)
        {
            material = new Material { CreatedAt = DateTime.UtcNow };
        }
        else
        {
            material = await db.Materials.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
            if (material is null)
            {
                return new(null, null, "Материал не найден.");
            }
        }
        if (id is not null && input.BaseRevision is { } baseRevision && baseRevision != material.RevisionCount)
        {
            var latest = await db.MaterialRevisions.AsNoTracking().Where(r => r.MaterialId == material.Id).OrderByDescending(r => r.Number).FirstOrDefaultAsync(cancellationToken);
            return new(null, "", $"Пока вы редактировали, материал сохранили ещё раз ({latest?.AuthorName}, {RussianFormat.DateTime(latest?.CreatedAt)}). " +
                "Ваш текст не потерян: сравните его с последней версией в истории изменений и сохраните ещё раз.", material.RevisionCount);
        }
        var slug = string.IsNullOrWhiteSpace(input.Slug) ? (id is null ? Slugify(input.Title) : material.Slug) : input.Slug.Trim().ToLowerInvariant();
        if (!SlugPattern().IsMatch(slug) || ReservedSlugs.Contains(slug))
        {
            return new(null, nameof(MaterialInput.Slug), "Адрес может содержать только латинские буквы, цифры и дефисы (например, spisanie-uchebnikov).");
        }
        if (id is null && string.IsNullOrWhiteSpace(input.Slug))
        {
            // A slug made from the title is the portal's choice, so a clash is resolved quietly.
            var baseSlug = slug;
            for (var n = 2; await db.Materials.AnyAsync(m => m.Slug == slug, cancellationToken); n++)
            {
                slug = $"{baseSlug}-{n}";
            }
        }
        if (await db.Materials.AnyAsync(m => m.Slug == slug && m.Id != material.Id, cancellationToken))
        {
            return new(null, nameof(MaterialInput.Slug), $"Адрес «{slug}» уже занят другим материалом.");
        }

        var title = input.Title.Trim();
        var summary = (input.Summary ?? "").Trim();
        var body = (input.BodyMarkdown ?? "").Replace("\r\n", "\n");
        var changed = id is null || material.Title != title || material.Summary != summary || material.BodyMarkdown != body;
        material.Slug = slug;
        material.Title = title;
        material.Summary = summary;
        material.BodyMarkdown = body;
        material.Category = input.Category.Trim();
        material.Tags = MaterialTags.Normalise(input.Tags);
        material.UpdatedAt = DateTime.UtcNow;
        material.AuthorName ??= author;
        if (publish == true && !material.IsPublished)
        {
            material.IsPublished = true;
            material.PublishedAt = DateTime.UtcNow;
        }
        else if (publish == false)
        {
            material.IsPublished = false;
        }
        if (id is null)
        {
            db.Materials.Add(material);
        }
        if (changed)
        {
            material.RevisionCount++;
            db.MaterialRevisions.Add(new MaterialRevision
            {
                Material = material,
                Number = material.RevisionCount,
                Title = title,
                Summary = summary,
                BodyMarkdown = body,
                AuthorName = author,
                Comment = string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim(),
                CreatedAt = DateTime.UtcNow,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        return new(material, null, null);
    }

    /// <summary>Deletes a material with its revisions; its attachments are removed by the caller through the file storage.</summary>
    public async Task<bool> DeleteAsync(int id, CancellationToken cancellationToken)
    {
        var material = await db.Materials.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (material is null)
        {
            return false;
        }
        db.Materials.Remove(material);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Publishes or hides a material without touching its text.</summary>
    public async Task<bool> SetPublishedAsync(int id, bool published, CancellationToken cancellationToken)
    {
        var material = await db.Materials.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (material is null)
        {
            return false;
        }
        if (published && !material.IsPublished)
        {
            material.PublishedAt = DateTime.UtcNow;
        }
        material.IsPublished = published;
        material.UpdatedAt = DateTime.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Diff of two revisions, title and summary included so a renamed material shows it.</summary>
    public static TextDiffResult Compare(MaterialRevision older, MaterialRevision newer) =>
        TextDiff.Compare(Flatten(older), Flatten(newer));

    private static string Flatten(MaterialRevision r) => $"# {r.Title}\n\n{r.Summary}\n\n{r.BodyMarkdown}";

    /// <summary>Latin slug from a Russian title (GOST 7.79-2000 system B style transliteration).</summary>
    public static string Slugify(string title)
    {
        var text = new StringBuilder();
        foreach (var c in title.ToLowerInvariant())
        {
            text.Append(c switch
            {
                'а' => "a", 'б' => "b", 'в' => "v", 'г' => "g", 'д' => "d", 'е' => "e", 'ё' => "yo", 'ж' => "zh",
                'з' => "z", 'и' => "i", 'й' => "j", 'к' => "k", 'л' => "l", 'м' => "m", 'н' => "n", 'о' => "o",
                'п' => "p", 'р' => "r", 'с' => "s", 'т' => "t", 'у' => "u", 'ф' => "f", 'х' => "x", 'ц' => "cz",
                'ч' => "ch", 'ш' => "sh", 'щ' => "shh", 'ъ' => "", 'ы' => "y", 'ь' => "", 'э' => "e", 'ю' => "yu", 'я' => "ya",
                >= 'a' and <= 'z' or >= '0' and <= '9' => c.ToString(),
                _ => "-",
            });
        }
        var slug = DashRun().Replace(text.ToString(), "-").Trim('-');
        if (slug.Length > 80)
        {
            slug = slug[..80].TrimEnd('-');
        }
        return slug.Length == 0 ? "material" : slug;
    }

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("-{2,}")]
    private static partial Regex DashRun();
}
