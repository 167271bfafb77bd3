using System.ComponentModel.DataAnnotations;

namespace Portal.Core.Configuration;

/// <summary>
/// Settings under the <c>Portal</c> section (environment: <c>Portal__DataDirectory</c>, command line:
/// <c>--Portal:DataDirectory=...</c>). Every path derives from <see cref="DataDirectory"/>.
/// </summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>Folder that holds the database, the search index and uploaded files. Default: <c>./data</c>.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>When true, every page requires login; by default reading is open inside the intranet.</summary>
    public bool RequireLogin { get; set; }

    /// <summary>Folder with seed content (Markdown + YAML front matter). Default: <c>content</c> beside the app or the repository root.</summary>
    public string? ContentDirectory { get; set; }

    /// <summary>Whether to load and upsert <see cref="ContentDirectory"/> at start. Default: true.</summary>
    public bool SeedContent { get; set; } = true;

    /// <summary>Largest upload accepted, in bytes. Default: 20 MiB.</summary>
    [Range(1024, 1L << 31)]
    public long MaxUploadBytes { get; set; } = 20L * 1024 * 1024;

    public AdminAccountOptions Admin { get; set; } = new();

    public string DatabasePath => Path.Combine(FullDataDirectory, "portal.db");
    public string IndexDirectory => Path.Combine(FullDataDirectory, "index");
    public string FilesDirectory => Path.Combine(FullDataDirectory, "files");
    public string FullDataDirectory => Path.GetFullPath(DataDirectory);
    public string ConnectionString => $"Data Source={DatabasePath};Cache=Shared;Foreign Keys=True";
}

/// <summary>The first administrator, created on first start only when no administrator exists. There is no built-in password.</summary>
public sealed class AdminAccountOptions
{
    public string? Email { get; set; }
    public string? Password { get; set; }
    public string FullName { get; set; } = "Администратор портала";
}
