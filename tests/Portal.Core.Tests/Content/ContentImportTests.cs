using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Core.Content;
using Portal.Core.Documents;

namespace Portal.Core.Tests.Content;

public sealed class ContentImportTests : IAsyncLifetime
{
    private readonly ContentTestSite _site = new();

    public async Task InitializeAsync()
    {
        await _site.InitialiseAsync();
        _site.Write("schools.yml", """
            # demo
            schools:
              - slug: pokrovskaya-sosh
                name: МБОУ Покровская СОШ
                short_name: Покровская СОШ
                address: с. Покровское
              - slug: vtoraya-sosh
                name: МБОУ Вторая СОШ
            """);
        _site.Write("documents/78-fz.md", Document("Федеральный закон «О библиотечном деле»"));
        _site.Write("materials/spisanie.md", Material("Списание учебников", "## Шаги\n\n1. Комиссия.\n2. Акт."));
        _site.Write("neb/podklyuchenie.md", """
            ---
            title: Подключение к НЭБ
            category: Подключение
            url: https://rusneb.ru/
            description: Как подключиться
            order: 2
            ---
            1. Заключите договор.
            """);
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    private static string Document(string title, string status = "действует") => $"""
        ---
        slug: 78-fz
        title: {title}
        doc_type: Федеральный закон
        number: 78-ФЗ
        date: 1994-12-29
        issuer: Федеральное Собрание Российской Федерации
        status: {status}
        source_url: http://pravo.gov.ru/
        tags: [Фонд, учёт фонда]
        ---
        Основной закон о библиотеках.
        """;

    private static string Material(string title, string body) => $"""
        ---
        title: "{title}"
        category: Списание
        tags: [списание, учебники]
        summary: Пошагово
        published: true
        date: 2023-09-08
        ---
        {body}
        """;

    [Fact]
    public async Task First_seed_creates_every_kind_of_row()
    {
        await _site.SeedAsync();

        await _site.WithDbAsync(async db =>
        {
            var schools = await db.Schools.OrderBy(s => s.Slug).ToListAsync();
            Assert.Equal(["pokrovskaya-sosh", "vtoraya-sosh"], schools.Select(s => s.Slug));
            Assert.Equal("с. Покровское", schools[0].Address);
            Assert.Equal("МБОУ Вторая СОШ", schools[1].ShortName);

            var document = await db.NormativeDocuments.SingleAsync();
            Assert.Equal("78-fz", document.ExternalId);
            Assert.Equal("78-ФЗ", document.Number);
            Assert.Equal(new DateOnly(1994, 12, 29), document.Date);
            Assert.Equal(DocumentStatus.InForce, document.Status);
            Assert.Equal("фонд, учёт фонда", document.Tags);
            Assert.Equal("Основной закон о библиотеках.", document.Annotation);
            Assert.Equal("", document.Text);

            var material = await db.Materials.Include(m => m.Revisions).SingleAsync();
            Assert.Equal("spisanie", material.Slug);
            Assert.True(material.IsPublished);
            Assert.Equal(new DateTime(2023, 9, 8), material.PublishedAt);
            Assert.StartsWith("## Шаги", material.BodyMarkdown, StringComparison.Ordinal);
            var revision = Assert.Single(material.Revisions);
            Assert.Equal(1, revision.Number);
            Assert.Equal("Руководитель РМО", revision.AuthorName);
            Assert.Equal(material.BodyMarkdown, revision.BodyMarkdown);
            Assert.Equal(1, material.RevisionCount);

            var neb = await db.NebResources.SingleAsync();
            Assert.Equal(("podklyuchenie", 2, "1. Заключите договор."), (neb.Slug, neb.SortOrder, neb.GuideMarkdown));

            // One record per row, plus one per kind remembering the files it read.
            Assert.Equal(5 + 4, await db.ContentSeedRecords.CountAsync());
            return 0;
        });
        Assert.Empty(_site.Log.At(LogLevel.Error));
        Assert.Empty(_site.Log.At(LogLevel.Warning));
    }

    [Fact]
    public async Task Second_seed_changes_nothing()
    {
        await _site.SeedAsync();
        var before = await Snapshot();

        await _site.SeedAsync();

        Assert.Equal(before, await Snapshot());
        Assert.Empty(_site.Log.At(LogLevel.Warning));
    }

    [Fact]
    public async Task Changed_file_updates_an_unedited_row_and_adds_a_revision()
    {
        await _site.SeedAsync();
        _site.Write("materials/spisanie.md", Material("Списание учебников: новая редакция", "## Шаги\n\n1. Комиссия.\n2. Акт.\n3. Бухгалтерия."));
        _site.Write("documents/78-fz.md", Document("Федеральный закон «О библиотечном деле»", status: "утратил силу"));
        _site.Write("schools.yml", "schools:\n  - slug: pokrovskaya-sosh\n    name: МБОУ Покровская средняя общеобразовательная школа\n");

        await _site.SeedAsync();

        await _site.WithDbAsync(async db =>
        {
            var material = await db.Materials.Include(m => m.Revisions).SingleAsync();
            Assert.Equal("Списание учебников: новая редакция", material.Title);
            Assert.Equal(2, material.RevisionCount);
            Assert.Equal([1, 2], material.Revisions.OrderBy(r => r.Number).Select(r => r.Number));
            Assert.Contains("Бухгалтерия", material.Revisions.Single(r => r.Number == 2).BodyMarkdown, StringComparison.Ordinal);

            Assert.Equal(DocumentStatus.Repealed, (await db.NormativeDocuments.SingleAsync()).Status);

            var schools = await db.Schools.OrderBy(s => s.Slug).ToListAsync();
            Assert.Equal("МБОУ Покровская средняя общеобразовательная школа", schools[0].Name);
            // Gone from the file, but never deleted.
            Assert.Equal("vtoraya-sosh", schools[1].Slug);
            return 0;
        });
        Assert.Empty(_site.Log.At(LogLevel.Warning));
    }

    [Fact]
    public async Task Ui_edit_wins_over_a_changed_file_and_the_file_is_named_in_a_warning()
    {
        await _site.SeedAsync();
        await _site.WithDbAsync(async db =>
        {
            var material = await db.Materials.SingleAsync();
            material.Title = "Правка руководителя";
            material.UpdatedAt = DateTime.UtcNow.AddSeconds(1);
            var school = await db.Schools.SingleAsync(s => s.Slug == "pokrovskaya-sosh");
            school.Phone = "8 (000) 000-00-00";
            return await db.SaveChangesAsync();
        });
        _site.Write("materials/spisanie.md", Material("Заголовок из файла", "Новый текст"));
        _site.Write("schools.yml", "schools:\n  - slug: pokrovskaya-sosh\n    name: Новое имя из файла\n");

        await _site.SeedAsync();

        await _site.WithDbAsync(async db =>
        {
            var material = await db.Materials.SingleAsync();
            Assert.Equal("Правка руководителя", material.Title);
            Assert.Equal(1, material.RevisionCount);
            Assert.Equal("МБОУ Покровская СОШ", (await db.Schools.SingleAsync(s => s.Slug == "pokrovskaya-sosh")).Name);
            return 0;
        });
        var warnings = _site.Log.At(LogLevel.Warning).ToList();
        Assert.Contains(warnings, w => w.Contains("content/materials/spisanie.md", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("schools.yml (pokrovskaya-sosh)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Text_filled_by_the_crawler_does_not_block_a_changed_card()
    {
        await _site.SeedAsync();
        await _site.WithDbAsync(async db =>
        {
            var document = await db.NormativeDocuments.SingleAsync();
            document.Text = "Статья 1. …";
            document.UpdatedAt = DateTime.UtcNow.AddSeconds(1);
            return await db.SaveChangesAsync();
        });
        _site.Write("documents/78-fz.md", Document("Федеральный закон от 29.12.1994 № 78-ФЗ «О библиотечном деле»"));

        await _site.SeedAsync();

        var document = await _site.WithDbAsync(db => db.NormativeDocuments.SingleAsync());
        Assert.Equal("Федеральный закон от 29.12.1994 № 78-ФЗ «О библиотечном деле»", document.Title);
        Assert.Equal("Статья 1. …", document.Text);
        Assert.Empty(_site.Log.At(LogLevel.Warning));
    }

    [Fact]
    public async Task A_row_deleted_in_the_ui_is_not_recreated()
    {
        await _site.SeedAsync();
        await _site.WithDbAsync(async db =>
        {
            db.NebResources.Remove(await db.NebResources.SingleAsync());
            return await db.SaveChangesAsync();
        });
        _site.Write("neb/podklyuchenie.md", "---\ntitle: Подключение к НЭБ (новое)\ncategory: Подключение\nurl: https://rusneb.ru/\n---\nШаги.\n");

        await _site.SeedAsync();

        Assert.Equal(0, await _site.WithDbAsync(db => db.NebResources.CountAsync()));
    }

    [Fact]
    public async Task Broken_files_are_logged_with_file_and_line_and_skipped()
    {
        _site.Write("documents/broken.md", "---\nslug: broken\ntitle: \"не закрыта кавычка\ndoc_type: Приказ\n---\nТекст\n");
        _site.Write("documents/bad-status.md", "---\nslug: bad-status\ntitle: Т\ndoc_type: Приказ\nstatus: отменён\n---\n");
        _site.Write("neb/no-url.md", "---\ntitle: Без ссылки\ncategory: Прочее\n---\nТекст\n");
        _site.Write("materials/notes.txt", "not markdown, ignored");

        await _site.SeedAsync();

        await _site.WithDbAsync(async db =>
        {
            Assert.Equal(["78-fz"], await db.NormativeDocuments.Select(d => d.ExternalId!).ToListAsync());
            Assert.Equal(1, await db.NebResources.CountAsync());
            Assert.Equal(1, await db.Materials.CountAsync());
            return 0;
        });
        var errors = _site.Log.At(LogLevel.Error).ToList();
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.Contains("content/documents/broken.md, строка", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("content/documents/bad-status.md, строка 5", StringComparison.Ordinal) && e.Contains("отменён", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("content/neb/no-url.md", StringComparison.Ordinal) && e.Contains("«url»", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unchanged_files_are_not_parsed_again_but_a_skipped_file_is_retried()
    {
        _site.Write("documents/broken.md", "---\nslug: broken\ntitle: [\n---\n");
        await _site.SeedAsync();
        _site.Log.Entries.Clear();

        await _site.SeedAsync();

        // Documents had a skipped file, so they are read again and the error repeats; the other kinds are remembered.
        Assert.Single(_site.Log.At(LogLevel.Error), e => e.Contains("content/documents/broken.md", StringComparison.Ordinal));
        Assert.Equal(3, _site.Log.At(LogLevel.Information).Count(m => m.Contains("files unchanged", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_broken_schools_file_does_not_stop_the_other_importers()
    {
        _site.Write("schools.yml", "schools:\n  - slug: a\n    name: [незакрыт\n");

        await _site.SeedAsync();

        Assert.Equal(0, await _site.WithDbAsync(db => db.Schools.CountAsync()));
        Assert.Equal(1, await _site.WithDbAsync(db => db.Materials.CountAsync()));
        Assert.Contains(_site.Log.At(LogLevel.Error), e => e.Contains("content/schools.yml, строка", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_school_entry_is_reported_at_its_line_and_the_others_load()
    {
        _site.Write("schools.yml", "# comment\nschools:\n  - slug: good\n    name: Хорошая\n  - slug: Плохой slug\n    name: Плохая\n");

        await _site.SeedAsync();

        Assert.Equal(["good"], await _site.WithDbAsync(db => db.Schools.Select(s => s.Slug).ToListAsync()));
        Assert.Contains(_site.Log.At(LogLevel.Error), e => e.Contains("content/schools.yml, строка 5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_slug_used_by_two_files_keeps_the_first_and_reports_the_second()
    {
        _site.Write("materials/zz-kopiya.md", Material("Копия", "Текст").Replace("title:", "slug: spisanie\ntitle:", StringComparison.Ordinal));

        await _site.SeedAsync();

        var material = await _site.WithDbAsync(db => db.Materials.SingleAsync());
        Assert.Equal("Списание учебников", material.Title);
        Assert.Contains(_site.Log.At(LogLevel.Error), e => e.Contains("content/materials/zz-kopiya.md", StringComparison.Ordinal) && e.Contains("slug", StringComparison.Ordinal));
    }

    private Task<string> Snapshot() => _site.WithDbAsync(async db =>
    {
        var materials = await db.Materials.Select(m => new { m.Title, m.UpdatedAt, m.RevisionCount }).ToListAsync();
        var documents = await db.NormativeDocuments.Select(d => new { d.Title, d.UpdatedAt }).ToListAsync();
        var neb = await db.NebResources.Select(r => new { r.Title, r.UpdatedAt }).ToListAsync();
        var records = await db.ContentSeedRecords.OrderBy(r => r.Key).Select(r => new { r.Key, r.FileHash, r.AppliedRowVersion, r.AppliedAt }).ToListAsync();
        var revisions = await db.MaterialRevisions.CountAsync();
        var schools = await db.Schools.CountAsync();
        return System.Text.Json.JsonSerializer.Serialize(new { materials, documents, neb, records, revisions, schools });
    });
}
