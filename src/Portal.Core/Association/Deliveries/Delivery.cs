using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Schools;

namespace Portal.Core.Association.Deliveries;

/// <summary>One line of a school's textbook order: what was ordered from which publisher, how many copies.</summary>
public sealed class DeliveryOrderLine
{
    public int Id { get; set; }
    public int SchoolId { get; set; }
    public School? School { get; set; }
    public string Title { get; set; } = "";
    public string Publisher { get; set; } = "";
    public int CopiesOrdered { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public List<DeliveryReceipt> Receipts { get; set; } = [];
}

/// <summary>A school's report for one day (possibly «nothing arrived»): the monitoring asks for one every day.</summary>
public sealed class DeliveryReport
{
    public int Id { get; set; }
    public int SchoolId { get; set; }
    public School? School { get; set; }
    public DateOnly Date { get; set; }
    public DateTime SubmittedAt { get; set; } = DateTime.UtcNow;
    public string SubmittedBy { get; set; } = "";
    public string Note { get; set; } = "";

    public List<DeliveryReceipt> Receipts { get; set; } = [];
}

/// <summary>Copies of one order line received on the report's day.</summary>
public sealed class DeliveryReceipt
{
    public int Id { get; set; }
    public int ReportId { get; set; }
    public DeliveryReport? Report { get; set; }
    public int OrderLineId { get; set; }
    public DeliveryOrderLine? OrderLine { get; set; }
    public int CopiesReceived { get; set; }
    public string Note { get; set; } = "";
}

internal sealed class DeliveryOrderLineConfiguration : IEntityTypeConfiguration<DeliveryOrderLine>
{
    public void Configure(EntityTypeBuilder<DeliveryOrderLine> b)
    {
        b.ToTable("DeliveryOrderLines", t => t.HasCheckConstraint("CK_DeliveryOrderLines_Ordered", "CopiesOrdered > 0"));
        b.HasIndex(l => l.SchoolId);
        b.HasOne(l => l.School).WithMany().HasForeignKey(l => l.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(l => l.Receipts).WithOne(r => r.OrderLine!).HasForeignKey(r => r.OrderLineId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DeliveryReportConfiguration : IEntityTypeConfiguration<DeliveryReport>
{
    public void Configure(EntityTypeBuilder<DeliveryReport> b)
    {
        b.ToTable("DeliveryReports");
        b.HasIndex(r => new { r.SchoolId, r.Date }).IsUnique();
        b.HasIndex(r => r.Date);
        b.HasOne(r => r.School).WithMany().HasForeignKey(r => r.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Receipts).WithOne(x => x.Report!).HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DeliveryReceiptConfiguration : IEntityTypeConfiguration<DeliveryReceipt>
{
    public void Configure(EntityTypeBuilder<DeliveryReceipt> b)
    {
        b.ToTable("DeliveryReceipts", t => t.HasCheckConstraint("CK_DeliveryReceipts_Copies", "CopiesReceived >= 0"));
        b.HasIndex(r => new { r.ReportId, r.OrderLineId }).IsUnique();
    }
}
