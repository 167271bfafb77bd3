using Microsoft.EntityFrameworkCore;
using Portal.Core.Content;
using Portal.Core.Documents;
using Portal.Core.Files;
using Portal.Core.Materials;
using Portal.Core.Neb;
using Portal.Core.Schools;

namespace Portal.Core.Data;

public sealed partial class PortalDbContext
{
    public DbSet<School> Schools => Set<School>();
    public DbSet<NormativeDocument> NormativeDocuments => Set<NormativeDocument>();
    public DbSet<DocumentEdition> DocumentEditions => Set<DocumentEdition>();
    public DbSet<Material> Materials => Set<Material>();
    public DbSet<MaterialRevision> MaterialRevisions => Set<MaterialRevision>();
    public DbSet<NebResource> NebResources => Set<NebResource>();
    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();
    public DbSet<ContentSeedRecord> ContentSeedRecords => Set<ContentSeedRecord>();
}
