using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;

namespace Portal.Core.Search;

/// <summary>
/// A search source for entities keyed by an integer id: loading one and streaming all are the same
/// for every kind; a kind says only which rows are public and how one becomes a search document.
/// </summary>
public abstract class EntitySearchSource<TEntity> : ISearchDocumentSource where TEntity : class
{
    public abstract string Kind { get; }

    /// <summary>The rows that may be found (published ones only, for example).</summary>
    protected abstract IQueryable<TEntity> Searchable(PortalDbContext db);

    protected abstract System.Linq.Expressions.Expression<Func<TEntity, bool>> HasId(int id);

    protected abstract SearchDocument ToSearchDocument(TEntity entity);

    public async Task<SearchDocument?> LoadAsync(PortalDbContext db, string key, CancellationToken cancellationToken)
    {
        if (!int.TryParse(key, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }
        var entity = await Searchable(db).AsNoTracking().FirstOrDefaultAsync(HasId(id), cancellationToken);
        return entity is null ? null : ToSearchDocument(entity);
    }

    public async IAsyncEnumerable<SearchDocument> LoadAllAsync(PortalDbContext db, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entity in Searchable(db).AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return ToSearchDocument(entity);
        }
    }
}
