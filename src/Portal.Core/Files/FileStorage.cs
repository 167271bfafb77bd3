using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Configuration;
using Portal.Core.Data;

namespace Portal.Core.Files;

/// <summary>Result of an upload: the stored file, or a Russian message for the form field.</summary>
public sealed record FileSaveResult(StoredFile? File, string? Error)
{
    public bool Succeeded => File is not null;
}

/// <summary>
/// Keeps uploads under <see cref="PortalOptions.FilesDirectory"/> with random names, after checking
/// the size and the real type by the file's first bytes: a renamed program never passes as a PDF.
/// </summary>
public sealed class FileStorage(PortalDbContext db, PortalOptions options)
{
    public long MaxBytes => options.MaxUploadBytes;

    public async Task<FileSaveResult> SaveAsync(Stream content, string fileName, long length, string? owner, string? uploadedBy, CancellationToken cancellationToken)
    {
        var name = CleanFileName(fileName);
        if (length <= 0)
        {
            return new(null, $"Файл «{name}» пуст.");
        }
        if (length > options.MaxUploadBytes)
        {
            return new(null, $"Файл «{name}» слишком большой: {FileSizes.Format(length)}, допустимо не более {FileSizes.Format(options.MaxUploadBytes)}.");
        }
        Directory.CreateDirectory(options.FilesDirectory);
        var storedName = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var path = Path.Combine(options.FilesDirectory, storedName);
        long written;
        string hash;
        FileKind? kind;
        await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, useAsync: true))
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            written = 0;
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                written += read;
                if (written > options.MaxUploadBytes)
                {
                    break;
                }
                sha.AppendData(buffer, 0, read);
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            hash = Convert.ToHexStringLower(sha.GetHashAndReset());
            target.Position = 0;
            kind = written > options.MaxUploadBytes ? null : FileTypes.Detect(target, name);
        }
        if (written > options.MaxUploadBytes)
        {
            File.Delete(path);
            return new(null, $"Файл «{name}» слишком большой: допустимо не более {FileSizes.Format(options.MaxUploadBytes)}.");
        }
        if (kind is null)
        {
            File.Delete(path);
            return new(null, $"Файл «{name}» не принят: по содержимому это не {FileTypes.AllowedDescription}. Проверьте, что файл не переименован из другого формата.");
        }
        if (!FileTypes.ExtensionMatches(kind, name))
        {
            File.Delete(path);
            return new(null, $"Файл «{name}» не принят: расширение не соответствует содержимому (по содержимому это {kind.Label}).");
        }
        var stored = new StoredFile
        {
            Owner = owner,
            FileName = name,
            ContentType = kind.ContentType,
            Size = written,
            Sha256 = hash,
            StoredName = storedName,
            UploadedBy = uploadedBy,
            UploadedAt = DateTime.UtcNow,
        };
        db.StoredFiles.Add(stored);
        await db.SaveChangesAsync(cancellationToken);
        return new(stored, null);
    }

    /// <summary>Attaches a file saved before its owner existed (a new document's original).</summary>
    public async Task AssignOwnerAsync(int fileId, string owner, CancellationToken cancellationToken)
    {
        var file = await db.StoredFiles.FirstAsync(f => f.Id == fileId, cancellationToken);
        file.Owner = owner;
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task<StoredFile?> FindAsync(int id, CancellationToken cancellationToken) =>
        db.StoredFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);

    public Task<List<StoredFile>> ListAsync(string owner, CancellationToken cancellationToken) =>
        db.StoredFiles.AsNoTracking().Where(f => f.Owner == owner).OrderBy(f => f.UploadedAt).ThenBy(f => f.Id).ToListAsync(cancellationToken);

    /// <summary>The file's bytes, or null when the record or the file on disk is missing.</summary>
    public Stream? OpenRead(StoredFile file)
    {
        var path = Path.Combine(options.FilesDirectory, Path.GetFileName(file.StoredName));
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null;
    }

    public async Task<bool> DeleteAsync(int id, string? owner, CancellationToken cancellationToken)
    {
        var file = await db.StoredFiles.FirstOrDefaultAsync(f => f.Id == id && f.Owner == owner, cancellationToken);
        if (file is null)
        {
            return false;
        }
        db.StoredFiles.Remove(file);
        await db.SaveChangesAsync(cancellationToken);
        var path = Path.Combine(options.FilesDirectory, Path.GetFileName(file.StoredName));
        if (File.Exists(path))
        {
            File.Delete(path);
        }
        return true;
    }

    /// <summary>Owner key of a material's or a document's files.</summary>
    public static string OwnerOf(string kind, int id) => kind + ":" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string CleanFileName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/')).Trim();
        name = new string(name.Where(c => !char.IsControl(c) && c is not '"' and not '/' and not '\\').ToArray());
        if (name.Length == 0)
        {
            name = "file";
        }
        return name.Length > 200 ? name[..100] + name[^50..] : name;
    }
}

public static class FileSizes
{
    public static string Format(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} Б",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", Common.RussianFormat.Culture) + " КБ",
        _ => (bytes / (1024.0 * 1024)).ToString("0.#", Common.RussianFormat.Culture) + " МБ",
    };
}
