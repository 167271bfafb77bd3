using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Core.Documents;

/// <summary>Legal force of an act, as a requisites card shows it.</summary>
public enum DocumentStatus
{
    InForce = 0,
    Repealed = 1,
    NotYetInForce = 2,
}

public static class DocumentStatusNames
{
    public static string ToRussian(this DocumentStatus status) => status switch
    {
        DocumentStatus.InForce => "действует",
        DocumentStatus.Repealed => "утратил силу",
        DocumentStatus.NotYetInForce => "не вступил в силу",
        _ => status.ToString(),
    };
}

/// <summary>
/// A normative (regulatory) act: its requisites card and its current text. Earlier texts are kept
/// as <see cref="DocumentEdition"/> rows, so a changed act never loses its history.
/// </summary>
public sealed class NormativeDocument : Search.ISearchIndexed
{
    string Search.ISearchIndexed.SearchKind => Search.SearchKinds.Document;
    string Search.ISearchIndexed.SearchKey => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public int Id { get; set; }
    /// <summary>Stable key from seed content or import (e.g. corpus id); null for documents typed in the UI.</summary>
    public string? ExternalId { get; set; }
    public string Title { get; set; } = "";
    /// <summary>Type as printed: «Федеральный закон», «Приказ», «Письмо», «СанПиН».</summary>
    public string DocType { get; set; } = "";
    public string? Number { get; set; }
    public DateOnly? Date { get; set; }
    public string? Issuer { get; set; }
    public DocumentStatus Status { get; set; }
    /// <summary>Why the head added it for librarians: a short note shown above the text.</summary>
    public string? Annotation { get; set; }
    /// <summary>Plain text with paragraphs separated by blank lines; never rendered as HTML.</summary>
    public string Text { get; set; } = "";
    public string? SourceUrl { get; set; }
    public int? OriginalFileId { get; set; }
    public Files.StoredFile? OriginalFile { get; set; }
    /// <summary>Topic tags for librarians: «списание», «учёт фонда», «НЭБ».</summary>
    public string Tags { get; set; } = "";
    /// <summary>SHA-256 of <see cref="Text"/>: provenance and change detection for the crawler.</summary>
    public string? ContentHash { get; set; }
    public DateTime? FetchedAt { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;

    public List<DocumentEdition> Editions { get; set; } = [];
}

/// <summary>An earlier (or the current) text of a document, kept when the text changes.</summary>
public sealed class DocumentEdition
{
    public int Id { get; set; }
    public int DocumentId { get; set; }
    public NormativeDocument? Document { get; set; }
    public int Number { get; set; }
    public string Text { get; set; } = "";
    public string ContentHash { get; set; } = "";
    public string? SourceUrl { get; set; }
    /// <summary>Where the edition came from: «ui», «import», «crawler», «content».</summary>
    public string Origin { get; set; } = "";
    public string? Author { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}

internal sealed class NormativeDocumentConfiguration : IEntityTypeConfiguration<NormativeDocument>
{
    public void Configure(EntityTypeBuilder<NormativeDocument> b)
    {
        b.HasIndex(d => d.ExternalId).IsUnique();
        // The list pages read only these indexes and the twenty rows they show: a scan of the table
        // reads every document's text pages (tens of milliseconds for the corpus, per request).
        b.HasIndex(d => new { d.Date, d.Title }).IsDescending(true, false);
        b.HasIndex(d => d.DocType);
        b.HasIndex(d => d.Issuer);
        b.HasIndex(d => d.Title);
        b.HasIndex(d => d.UpdatedAt);
        b.Property(d => d.Title).HasMaxLength(2000);
        b.Property(d => d.DocType).HasMaxLength(200);
        b.Property(d => d.Number).HasMaxLength(100);
        b.Property(d => d.Issuer).HasMaxLength(500);
        b.HasOne(d => d.OriginalFile).WithMany().HasForeignKey(d => d.OriginalFileId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(d => d.Editions).WithOne(e => e.Document!).HasForeignKey(e => e.DocumentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DocumentEditionConfiguration : IEntityTypeConfiguration<DocumentEdition>
{
    public void Configure(EntityTypeBuilder<DocumentEdition> b)
    {
        b.HasIndex(e => new { e.DocumentId, e.Number }).IsUnique();
    }
}
