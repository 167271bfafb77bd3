using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Documents;
using Portal.Core.Materials;
using Portal.Core.Search.Querying;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Search;

/// <summary>The portal with a few documents saved through the database, indexed by the portal's own indexer.</summary>
public sealed class SearchAppFactory : PortalAppFactory
{
    private readonly SemaphoreSlim _seeded = new(1, 1);
    private bool _done;

    public async Task EnsureSeededAsync()
    {
        await _seeded.WaitAsync();
        try
        {
            if (_done)
            {
                return;
            }
            _ = CreateClient();
            await WithDbAsync(async db =>
            {
                db.NormativeDocuments.Add(new NormativeDocument
                {
                    Title = "Об утверждении Порядка учета документов, входящих в состав библиотечного фонда",
                    DocType = "Приказ", Number = "1077", Date = new DateOnly(2012, 10, 8), Issuer = "Министерство культуры Российской Федерации",
                    Text = "Порядок учета документов библиотечного фонда.\n\nСписание учебников и других документов оформляется актом о списании.",
                });
                db.NormativeDocuments.Add(new NormativeDocument
                {
                    Title = "О библиотечном деле", DocType = "Федеральный закон", Number = "78-ФЗ", Date = new DateOnly(1994, 12, 29),
                    Issuer = "Государственная Дума", Text = "Настоящий Федеральный закон является правовой основой сохранения и развития библиотечного дела.",
                });
                db.Materials.Add(new Material
                {
                    Slug = "kak-spisat-uchebniki", Title = "Как списать учебники: пошаговая инструкция", Category = "Учёт фонда",
                    BodyMarkdown = "## Акт списания\nСписанные учебники исключаются из книги суммарного учёта.", IsPublished = true, PublishedAt = DateTime.UtcNow,
                });
                return await db.SaveChangesAsync();
            });
            var engine = Services.GetRequiredService<SearchEngine>();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            // The seeded content answers these queries too: wait until this factory's own records are indexed.
            bool Indexed(string query, string? kind, Func<SearchHit, bool> own) =>
                engine.Search(new SearchRequest { Query = query, Kind = kind }).Hits.Any(own);
            while (!(Indexed("78-ФЗ", null, h => h.Title == "О библиотечном деле")
                     && Indexed("Как списать учебники", "material", h => h.Url == "/materials/kak-spisat-uchebniki"))
                   && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
            engine.WarmUp();
            _done = true;
        }
        finally
        {
            _seeded.Release();
        }
    }
}
