using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Schools;

namespace Portal.Core.Content.Importers;

/// <summary><c>content/schools.yml</c> → <see cref="School"/> by slug. Runs first: other content refers to schools.</summary>
public sealed class SchoolsImporter : SeedingImporter<School>
{
    public const string FileName = "schools.yml";

    public override int Order => 0;

    protected override string Kind => "school";

    internal sealed class SchoolsFile
    {
        public List<SchoolEntry> Schools { get; set; } = [];
    }

    internal sealed class SchoolEntry
    {
        public string? Slug { get; set; }
        public string? Name { get; set; }
        public string? ShortName { get; set; }
        public string? Address { get; set; }
        public string? Phone { get; set; }
        public string? Email { get; set; }
        public string? Director { get; set; }
    }

    protected override IEnumerable<SeedItem> Read(ContentSeedContext context, Action<ContentFileException> fail)
    {
        var path = Path.Combine(context.ContentDirectory, FileName);
        if (!File.Exists(path))
        {
            return [];
        }
        var display = DisplayPath(context, path);
        try
        {
            var yaml = ContentYaml.Parse(File.ReadAllText(path), display);
            var entries = yaml.Deserialize<SchoolsFile>().Schools;
            var items = new List<SeedItem>();
            var lines = yaml.ItemLines("schools");
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i];
                var line = i < lines.Count ? lines[i] : yaml.LineOf("schools");
                // One bad entry must not drop the whole list: each is checked on its own.
                var slug = entry.Slug?.Trim() ?? "";
                if (slug.Length == 0 || string.IsNullOrWhiteSpace(entry.Name) || !IsSlug(slug))
                {
                    fail(new ContentFileException(display, line,
                        $"школа «{entry.Name ?? entry.Slug}»: нужны name и slug из строчных латинских букв, цифр и дефиса / school needs a name and an a-z0-9- slug"));
                    continue;
                }
                var name = entry.Name.Trim();
                items.Add(new SeedItem(slug, $"{display} ({slug})", school =>
                {
                    school.Name = name;
                    school.ShortName = string.IsNullOrWhiteSpace(entry.ShortName) ? name : entry.ShortName.Trim();
                    school.Address = Clean(entry.Address);
                    school.Phone = Clean(entry.Phone);
                    school.Email = Clean(entry.Email);
                    school.Director = Clean(entry.Director);
                }));
            }
            return items;
        }
        catch (ContentFileException ex)
        {
            fail(ex);
            return [];
        }
    }

    protected override IEnumerable<string> SourceFiles(ContentSeedContext context) =>
        File.Exists(Path.Combine(context.ContentDirectory, FileName)) ? [Path.Combine(context.ContentDirectory, FileName)] : [];

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    protected override Task<Dictionary<string, School>> FindAsync(PortalDbContext db, IReadOnlyCollection<string> slugs, CancellationToken cancellationToken) =>
        db.Schools.Where(s => slugs.Contains(s.Slug)).ToDictionaryAsync(s => s.Slug, StringComparer.Ordinal, cancellationToken);

    protected override School Create(string slug) => new() { Slug = slug };

    protected override IEnumerable<object?> SeededValues(School row) =>
        [row.Name, row.ShortName, row.Address, row.Phone, row.Email, row.Director];

    protected override DateTime? UpdatedAt(School row) => null;

    protected override void Touch(School row, DateTime now)
    {
    }
}
