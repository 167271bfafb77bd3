using Microsoft.EntityFrameworkCore;
using Portal.Core.Configuration;
using Portal.Core.Data;
using Portal.Core.Documents;
using Portal.Core.Files;
using Portal.Core.Materials;

namespace Portal.Core.Tests.Publishing;

/// <summary>The services on a real SQLite file in a temporary folder.</summary>
public sealed class PublishingServicesTests : IAsyncLifetime
{
    private readonly PortalOptions _options = new()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "portal-core-tests", Guid.NewGuid().ToString("N")),
        MaxUploadBytes = 2048,
    };
    private PortalDbContext _db = null!;

    public async Task InitializeAsync()
    {
        _db = PortalDatabase.Open(_options);
        await PortalDatabase.MigrateAsync(_db, _options);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_options.FullDataDirectory, recursive: true);
    }

    [Fact]
    public async Task Saving_a_material_keeps_numbered_revisions_only_when_the_text_changes()
    {
        var library = new MaterialLibrary(_db);
        var input = new MaterialInput { Title = "Списание учебников", Category = "Учёт фонда", BodyMarkdown = "Первая версия", Tags = "Списание; учебники, списание" };
        var created = await library.SaveAsync(null, input, publish: null, "Руководитель", CancellationToken.None);
        Assert.Equal("spisanie-uchebnikov", created.Material!.Slug);
        Assert.Equal("списание, учебники", created.Material.Tags);
        Assert.False(created.Material.IsPublished);

        await library.SaveAsync(created.Material.Id, input with { Slug = "spisanie-uchebnikov" }, publish: true, "Руководитель", CancellationToken.None);
        await library.SaveAsync(created.Material.Id, input with { BodyMarkdown = "Вторая версия" }, publish: null, "Администратор", CancellationToken.None);

        var revisions = await library.RevisionsAsync(created.Material.Id, CancellationToken.None);
        Assert.Equal([2, 1], revisions.Select(r => r.Number));
        Assert.Equal("Администратор", revisions[0].AuthorName);
        var stored = await library.GetAsync("spisanie-uchebnikov", CancellationToken.None);
        Assert.True(stored!.IsPublished);
        Assert.NotNull(stored.PublishedAt);
        Assert.Single(await library.LatestAsync(5, CancellationToken.None));

        var sameTitle = await library.SaveAsync(null, input, publish: null, "Руководитель", CancellationToken.None);
        Assert.Equal("spisanie-uchebnikov-2", sameTitle.Material!.Slug);
        var typedClash = await library.SaveAsync(null, input with { Slug = "spisanie-uchebnikov" }, publish: null, "Руководитель", CancellationToken.None);
        Assert.Null(typedClash.Material);
        Assert.Equal(nameof(MaterialInput.Slug), typedClash.ErrorField);
    }

    [Fact]
    public async Task A_document_text_change_is_a_new_edition_and_the_same_text_is_not()
    {
        var catalog = new DocumentCatalog(_db);
        var input = new DocumentInput { Title = "Об учёте фонда", DocType = "Приказ", Number = "1", Date = new DateOnly(2020, 5, 1), Text = "Текст 1" };
        var document = await catalog.SaveAsync(null, input, "head", CancellationToken.None);
        await catalog.SaveAsync(document!.Id, input with { Status = DocumentStatus.Repealed }, "head", CancellationToken.None);
        await catalog.SaveAsync(document.Id, input with { Text = "Текст 2" }, "head", CancellationToken.None);
        var loaded = await catalog.GetAsync(document.Id, CancellationToken.None);
        Assert.Equal([2, 1], loaded!.Editions.Select(e => e.Number));
        Assert.Equal(DocumentCatalog.Hash("Текст 2"), loaded.ContentHash);

        var page = await catalog.ListAsync(new DocumentQuery { Year = 2020, Status = DocumentStatus.InForce }, CancellationToken.None);
        Assert.Equal(1, page.Total);
        var facets = await catalog.FacetsAsync(CancellationToken.None);
        Assert.Equal([2020], facets.Years);
        Assert.Equal("Приказ № 1 от 01.05.2020", DocumentCatalog.Requisites("Приказ", "1", new DateOnly(2020, 5, 1)));
    }

    [Fact]
    public async Task Search_sources_give_published_materials_and_documents_with_requisites()
    {
        var library = new MaterialLibrary(_db);
        var draft = await library.SaveAsync(null, new MaterialInput { Title = "Черновик", Category = "К", BodyMarkdown = "## Скрытый\n\nТекст" }, null, "head", CancellationToken.None);
        var published = await library.SaveAsync(null, new MaterialInput { Title = "Опубликован", Category = "К", BodyMarkdown = "## Акт списания\n\n**Текст** акта" }, true, "head", CancellationToken.None);
        var materials = new Portal.Core.Search.Sources.MaterialSearchSource();
        Assert.Null(await materials.LoadAsync(_db, draft.Material!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None));
        var found = await materials.LoadAsync(_db, published.Material!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);
        Assert.Equal("/materials/opublikovan", found!.Url);
        Assert.Equal("Акт списания", found.Headings);
        Assert.Contains("Текст акта", found.Body);
        Assert.DoesNotContain("**", found.Body);
        var all = new List<Portal.Core.Search.SearchDocument>();
        await foreach (var d in materials.LoadAllAsync(_db, CancellationToken.None))
        {
            all.Add(d);
        }
        Assert.Equal(["Опубликован"], all.Select(d => d.Title));

        var document = await new DocumentCatalog(_db).SaveAsync(null, new DocumentInput { Title = "Об учёте", DocType = "Приказ", Number = "1077", Date = new DateOnly(2012, 10, 8), Issuer = "Минобрнауки", Text = "Статья 1. Общие положения\n\nТекст." }, "head", CancellationToken.None);
        var searchDocument = await new Portal.Core.Search.Sources.NormativeDocumentSearchSource().LoadAsync(_db, document!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);
        Assert.Equal("Приказ № 1077 от 08.10.2012 Минобрнауки", searchDocument!.Requisites);
        Assert.Equal("Статья 1. Общие положения", searchDocument.Headings.Trim());
        Assert.Equal("действует", searchDocument.Status);
        Assert.Null(await new Portal.Core.Search.Sources.NormativeDocumentSearchSource().LoadAsync(_db, "abc", CancellationToken.None));
    }

    [Fact]
    public void A_long_act_is_structured_into_chapters_and_articles()
    {
        var blocks = DocumentCatalog.Structure("Глава 1. Общие положения\n\nСтатья 1. Предмет\n\nСтатья 1 определяет порядок, и этот абзац начинается иначе.\n\nНастоящий порядок применяется к учебникам.\n\nСтатья 2. Списание\n\nПриложение № 1");
        Assert.Equal([("Глава 1. Общие положения", 2), ("Статья 1. Предмет", 3), ("Статья 2. Списание", 3), ("Приложение № 1", 2)],
            blocks.Where(b => b.IsHeading).Select(b => (b.Text, b.Level)));
        Assert.Equal(6, blocks.Count);
        Assert.Equal(4, blocks.Where(b => b.IsHeading).Select(b => b.Anchor).Distinct().Count());
    }

    [Fact]
    public async Task Storage_keeps_accepted_files_under_random_names_and_refuses_the_rest()
    {
        var storage = new FileStorage(_db, _options);
        var pdf = new byte[1000];
        "%PDF-1.5"u8.CopyTo(pdf);
        var saved = await storage.SaveAsync(new MemoryStream(pdf), "..\\..\\Акт.pdf", pdf.Length, "material:1", "head", CancellationToken.None);
        Assert.True(saved.Succeeded);
        Assert.Equal("Акт.pdf", saved.File!.FileName);
        Assert.Equal("application/pdf", saved.File.ContentType);
        Assert.Matches("^[0-9a-f]{32}$", saved.File.StoredName);
        using (var read = storage.OpenRead(saved.File)!)
        {
            Assert.Equal(1000, read.Length);
        }

        var big = await storage.SaveAsync(new MemoryStream(new byte[5000]), "big.pdf", 5000, "material:1", "head", CancellationToken.None);
        Assert.Contains("слишком большой", big.Error);
        var exe = new byte[500];
        "MZ"u8.CopyTo(exe);
        var disguised = await storage.SaveAsync(new MemoryStream(exe), "prikaz.pdf", exe.Length, "material:1", "head", CancellationToken.None);
        Assert.Contains("не принят", disguised.Error);
        var renamed = await storage.SaveAsync(new MemoryStream(pdf), "image.png", pdf.Length, "material:1", "head", CancellationToken.None);
        Assert.Contains("расширение не соответствует", renamed.Error);

        // A lying length does not get a big file past the limit either.
        var lying = await storage.SaveAsync(new MemoryStream(new byte[5000]), "lie.pdf", 10, "material:1", "head", CancellationToken.None);
        Assert.Contains("слишком большой", lying.Error);

        Assert.Single(await _db.StoredFiles.ToListAsync());
        Assert.Single(Directory.GetFiles(_options.FilesDirectory));
    }
}
