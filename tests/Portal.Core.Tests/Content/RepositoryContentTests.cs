using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Portal.Core.Tests.Content;

/// <summary>The repository's own <c>content/</c> folder must load cleanly: every file valid, nothing skipped.</summary>
public sealed class RepositoryContentTests
{
    private static string RepositoryContent()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
            {
                return Path.Combine(dir.FullName, "content");
            }
        }
        throw new InvalidOperationException("Portal.sln not found above the test output folder.");
    }

    [Fact]
    public async Task Repository_content_loads_without_errors()
    {
        await using var site = new ContentTestSite(RepositoryContent());
        await site.InitialiseAsync();

        await site.SeedAsync();

        var problems = site.Log.Entries.Where(e => e.Level >= LogLevel.Warning).Select(e => e.Message).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await site.WithDbAsync(async db =>
        {
            Assert.InRange(await db.Schools.CountAsync(), 15, 25);

            var documents = await db.NormativeDocuments.ToListAsync();
            Assert.True(documents.Count >= 10, $"{documents.Count} documents");
            Assert.All(documents, d =>
            {
                Assert.False(string.IsNullOrWhiteSpace(d.Annotation), d.ExternalId);
                Assert.False(string.IsNullOrWhiteSpace(d.Tags), d.ExternalId);
            });
            Assert.Contains(documents, d => d.Number == "273-ФЗ" && d.Date == new DateOnly(2012, 12, 29));
            Assert.Contains(documents, d => d.Number == "402-ФЗ" && d.Date == new DateOnly(2011, 12, 6));
            Assert.Contains(documents, d => d.Number == "1077" && d.Date == new DateOnly(2012, 10, 8));

            var materials = await db.Materials.ToListAsync();
            Assert.InRange(materials.Count, 5, 7);
            Assert.All(materials, m =>
            {
                Assert.True(m.IsPublished, m.Slug);
                Assert.Contains("\n## ", m.BodyMarkdown, StringComparison.Ordinal);
                Assert.Contains("|---", m.BodyMarkdown, StringComparison.Ordinal);
            });

            var neb = await db.NebResources.ToListAsync();
            Assert.True(neb.Count >= 4, $"{neb.Count} NEB resources");
            Assert.All(neb, r => Assert.False(string.IsNullOrWhiteSpace(r.GuideMarkdown), r.Slug));
            return 0;
        });
    }
}
