using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Schools;
using Portal.Core.Search;

namespace Portal.Core.Association.Exchange;

/// <summary>Surplus textbooks a school offers to the district's exchange fund (обменный фонд).</summary>
public sealed class ExchangeOffer : ISearchIndexed
{
    string ISearchIndexed.SearchKind => SearchKinds.Exchange;
    string ISearchIndexed.SearchKey => Id.ToString(CultureInfo.InvariantCulture);

    public int Id { get; set; }
    public int SchoolId { get; set; }
    public School? School { get; set; }
    public string Title { get; set; } = "";
    public string Authors { get; set; } = "";
    public string Subject { get; set; } = "";
    /// <summary>Grade 1..11; null for books for several grades.</summary>
    public int? Grade { get; set; }
    public string Publisher { get; set; } = "";
    public int Year { get; set; }
    /// <summary>Digits only (and a final X for ISBN-10), checked by <see cref="Isbn"/>; null when unknown.</summary>
    public string? Isbn { get; set; }
    /// <summary>Number in the federal list of textbooks (ФПУ), e.g. «1.1.2.4.1.1.1».</summary>
    public string? FpuNumber { get; set; }
    /// <summary>Copies first offered.</summary>
    public int CopiesOffered { get; set; }
    /// <summary>Copies not yet reserved by a request; changed only by conditional updates.</summary>
    public int CopiesAvailable { get; set; }
    public string Condition { get; set; } = "";
    public bool IsWithdrawn { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;

    public List<ExchangeRequest> Requests { get; set; } = [];
}

public enum ExchangeRequestStatus
{
    Pending = 0,
    Accepted = 1,
    PartlyAccepted = 2,
    Declined = 3,
    Cancelled = 4,
}

/// <summary>A school asks for copies of an offer; the copies are reserved until the offering school decides.</summary>
public sealed class ExchangeRequest
{
    public int Id { get; set; }
    public int OfferId { get; set; }
    public ExchangeOffer? Offer { get; set; }
    public int RequestingSchoolId { get; set; }
    public School? RequestingSchool { get; set; }
    public string RequestedByUserId { get; set; } = "";
    public string RequestedBy { get; set; } = "";
    public int CopiesRequested { get; set; }
    /// <summary>Copies the offering school agreed to hand over; null while pending.</summary>
    public int? CopiesAccepted { get; set; }
    public ExchangeRequestStatus Status { get; set; }
    public string? Comment { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? DecidedAt { get; set; }

    public List<ExchangeRequestEvent> History { get; set; } = [];
}

/// <summary>One step of a request's life, as both schools see it.</summary>
public sealed class ExchangeRequestEvent
{
    public int Id { get; set; }
    public int RequestId { get; set; }
    public ExchangeRequest? Request { get; set; }
    public DateTime At { get; set; } = DateTime.UtcNow;
    public ExchangeRequestStatus Status { get; set; }
    public string By { get; set; } = "";
    public string Note { get; set; } = "";
}

public static class ExchangeStatusNames
{
    public static string Russian(ExchangeRequestStatus status) => status switch
    {
        ExchangeRequestStatus.Pending => "ожидает ответа",
        ExchangeRequestStatus.Accepted => "принята",
        ExchangeRequestStatus.PartlyAccepted => "принята частично",
        ExchangeRequestStatus.Declined => "отклонена",
        ExchangeRequestStatus.Cancelled => "отозвана",
        _ => status.ToString(),
    };

    public static string BadgeClass(ExchangeRequestStatus status) => status switch
    {
        ExchangeRequestStatus.Accepted or ExchangeRequestStatus.PartlyAccepted => "ok",
        ExchangeRequestStatus.Declined or ExchangeRequestStatus.Cancelled => "danger",
        _ => "warn",
    };
}

internal sealed class ExchangeOfferConfiguration : IEntityTypeConfiguration<ExchangeOffer>
{
    public void Configure(EntityTypeBuilder<ExchangeOffer> b)
    {
        b.ToTable("ExchangeOffers", t =>
        {
            t.HasCheckConstraint("CK_ExchangeOffers_Available", "CopiesAvailable >= 0 AND CopiesAvailable <= CopiesOffered");
            t.HasCheckConstraint("CK_ExchangeOffers_Offered", "CopiesOffered > 0");
        });
        b.HasIndex(o => new { o.SchoolId, o.IsWithdrawn });
        b.HasIndex(o => o.Subject);
        b.Property(o => o.Title).HasMaxLength(500);
        b.Property(o => o.Isbn).HasMaxLength(13);
        b.HasOne(o => o.School).WithMany().HasForeignKey(o => o.SchoolId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(o => o.Requests).WithOne(r => r.Offer!).HasForeignKey(r => r.OfferId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ExchangeRequestConfiguration : IEntityTypeConfiguration<ExchangeRequest>
{
    public void Configure(EntityTypeBuilder<ExchangeRequest> b)
    {
        b.ToTable("ExchangeRequests", t => t.HasCheckConstraint("CK_ExchangeRequests_Copies", "CopiesRequested > 0"));
        b.HasIndex(r => new { r.RequestingSchoolId, r.Status });
        b.Property(r => r.Status).HasConversion<int>();
        b.HasOne(r => r.RequestingSchool).WithMany().HasForeignKey(r => r.RequestingSchoolId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.History).WithOne(h => h.Request!).HasForeignKey(h => h.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ExchangeRequestEventConfiguration : IEntityTypeConfiguration<ExchangeRequestEvent>
{
    public void Configure(EntityTypeBuilder<ExchangeRequestEvent> b)
    {
        b.ToTable("ExchangeRequestEvents");
        b.Property(e => e.Status).HasConversion<int>();
    }
}
