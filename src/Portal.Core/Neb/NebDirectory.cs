using Microsoft.EntityFrameworkCore;
using Portal.Core.Common;
using Portal.Core.Data;

namespace Portal.Core.Neb;

public sealed record NebInput
{
    public string Title { get; init; } = "";
    public string Category { get; init; } = "";
    public string Url { get; init; } = "";
    public string? Description { get; init; }
    public string? GuideMarkdown { get; init; }
    public int SortOrder { get; init; }
}

/// <summary>The NEB hub: resources grouped by category, each with its access guide.</summary>
public sealed class NebDirectory(PortalDbContext db)
{
    public async Task<IReadOnlyList<IGrouping<string, NebResource>>> GroupedAsync(CancellationToken cancellationToken)
    {
        var all = await db.NebResources.AsNoTracking().ToListAsync(cancellationToken);
        var comparer = StringComparer.Create(RussianFormat.Culture, true);
        return all.OrderBy(r => r.SortOrder).ThenBy(r => r.Title, comparer)
            .GroupBy(r => r.Category.Length == 0 ? "Прочее" : r.Category)
            .OrderBy(g => g.Min(r => r.SortOrder)).ThenBy(g => g.Key, comparer)
            .ToList();
    }

    public Task<NebResource?> GetAsync(int id, CancellationToken cancellationToken) =>
        db.NebResources.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);

    public async Task<IReadOnlyList<string>> CategoriesAsync(CancellationToken cancellationToken) =>
        (await db.NebResources.AsNoTracking().Select(r => r.Category).Distinct().ToListAsync(cancellationToken))
            .Where(c => c.Length > 0).Order(StringComparer.Create(RussianFormat.Culture, true)).ToList();

    /// <summary>Creates (id null) or updates a resource; null when the id is unknown.</summary>
    public async Task<NebResource?> SaveAsync(int? id, NebInput input, CancellationToken cancellationToken)
    {
        NebResource? resource;
        if (id is null)
        {
            resource = new NebResource();
            db.NebResources.Add(resource);
        }
        else
        {
            resource = await db.NebResources.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
            if (resource is null)
            {
                return null;
            }
        }
        resource.Title = input.Title.Trim();
        resource.Category = input.Category.Trim();
        resource.Url = input.Url.Trim();
        resource.Description = (input.Description ?? "").Trim();
        resource.GuideMarkdown = (input.GuideMarkdown ?? "").Replace("\r\n", "\n");
        resource.SortOrder = input.SortOrder;
        resource.UpdatedAt = DateTime.UtcNow;
        if (id is null)
        {
            var baseSlug = Materials.MaterialLibrary.Slugify(resource.Title);
            var slug = baseSlug;
            for (var n = 2; await db.NebResources.AnyAsync(r => r.Slug == slug, cancellationToken); n++)
            {
                slug = $"{baseSlug}-{n}";
            }
            resource.Slug = slug;
        }
        await db.SaveChangesAsync(cancellationToken);
        return resource;
    }

    public async Task<bool> DeleteAsync(int id, CancellationToken cancellationToken)
    {
        var resource = await db.NebResources.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (resource is null)
        {
            return false;
        }
        db.NebResources.Remove(resource);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
