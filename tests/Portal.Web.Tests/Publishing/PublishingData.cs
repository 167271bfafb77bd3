using AngleSharp.Html.Parser;
using Portal.Core.Documents;
using Portal.Core.Materials;
using Portal.Core.Neb;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Publishing;

/// <summary>Creates what a publishing test reads, straight in the database (nothing seeded is relied on).</summary>
internal static class PublishingData
{
    public static Task<NormativeDocument> AddDocumentAsync(PortalAppFactory app, string title = "Об утверждении порядка учёта библиотечного фонда", params string[] texts) =>
        app.WithDbAsync(async db =>
        {
            var document = new NormativeDocument
            {
                Title = title,
                DocType = "Приказ",
                Number = "1077",
                Date = new DateOnly(2012, 10, 8),
                Issuer = "Министерство образования и науки Российской Федерации",
                Status = DocumentStatus.InForce,
                SourceUrl = "https://example.org/doc/1077",
            };
            var number = 0;
            foreach (var text in texts.Length == 0 ? ["Первый абзац текста.\n\nВторой абзац текста."] : texts)
            {
                document.Editions.Add(new DocumentEdition { Number = ++number, Text = text, ContentHash = DocumentCatalog.Hash(text), Origin = "import" });
                document.Text = text;
                document.ContentHash = DocumentCatalog.Hash(text);
            }
            db.NormativeDocuments.Add(document);
            await db.SaveChangesAsync();
            return document;
        });

    public static Task<Material> AddMaterialAsync(PortalAppFactory app, string slug, bool published = true, string body = "## Раздел\n\nТекст материала.") =>
        app.WithDbAsync(async db =>
        {
            var material = new Material
            {
                Slug = slug,
                Title = "Материал " + slug,
                Category = "Учёт фонда",
                Tags = "списание, учебники",
                Summary = "Кратко о материале.",
                BodyMarkdown = body,
                IsPublished = published,
                PublishedAt = published ? DateTime.UtcNow : null,
                RevisionCount = 1,
            };
            material.Revisions.Add(new MaterialRevision { Number = 1, Title = material.Title, Summary = material.Summary, BodyMarkdown = body, AuthorName = "test" });
            db.Materials.Add(material);
            await db.SaveChangesAsync();
            return material;
        });

    public static Task<NebResource> AddNebAsync(PortalAppFactory app, string slug) =>
        app.WithDbAsync(async db =>
        {
            var resource = new NebResource
            {
                Slug = slug,
                Title = "Электронный читальный зал " + slug,
                Category = "Подключение",
                Url = "https://example.org/neb",
                Description = "Как открыть доступ.",
                GuideMarkdown = "1. Зайдите на сайт.\n2. Войдите.",
            };
            db.NebResources.Add(resource);
            await db.SaveChangesAsync();
            return resource;
        });

    /// <summary>
    /// The first real act in the shared corpus with chapters or articles (read at run time, never
    /// copied into the repository): title and text.
    /// </summary>
    public static (string Title, string Text) RealActWithArticles()
    {
        var path = Path.Combine(RepositoryPaths.Shared, "corpus", "regulations.jsonl");
        foreach (var line in File.ReadLines(path))
        {
            using var json = System.Text.Json.JsonDocument.Parse(line);
            var text = json.RootElement.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "";
            if (text.Length is > 3000 and < 150_000 && Portal.Core.Documents.DocumentCatalog.Structure(text).Count(b => b.IsHeading) >= 4)
            {
                return (json.RootElement.GetProperty("title").GetString() ?? "", text);
            }
        }
        throw new InvalidOperationException("No act with articles in the corpus.");
    }

    /// <summary>A multipart form with the page's antiforgery token, as a browser would post it.</summary>
    public static async Task<MultipartFormDataContent> FormAsync(HttpClient client, string pageUrl, IDictionary<string, string> fields)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(await PortalAppFactory.GetAntiforgeryTokenAsync(client, pageUrl)), "__RequestVerificationToken" },
        };
        foreach (var (key, value) in fields)
        {
            form.Add(new StringContent(value), key);
        }
        return form;
    }

    public static void AddFile(MultipartFormDataContent form, string field, string fileName, byte[] content, string contentType = "application/octet-stream")
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        form.Add(file, field, fileName);
    }

    public static async Task<AngleSharp.Html.Dom.IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await new AngleSharp.Html.Parser.HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>Smallest bytes that pass as a PDF by signature.</summary>
    public static byte[] PdfBytes(int size = 600)
    {
        var bytes = new byte[size];
        "%PDF-1.4\n"u8.CopyTo(bytes);
        return bytes;
    }

    /// <summary>A Windows program's header: what a disguised upload looks like.</summary>
    public static byte[] ExeBytes(int size = 600)
    {
        var bytes = new byte[size];
        "MZ\x90\0\x03\0\0\0"u8.CopyTo(bytes);
        return bytes;
    }
}
