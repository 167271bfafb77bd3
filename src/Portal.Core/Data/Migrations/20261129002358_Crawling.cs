using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Crawling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CrawlPages",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Host = table.Column<string>(type: "TEXT", nullable: false),
                    Url = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    HttpStatus = table.Column<int>(type: "INTEGER", nullable: true),
                    ETag = table.Column<string>(type: "TEXT", nullable: true),
                    LastModified = table.Column<string>(type: "TEXT", nullable: true),
                    ContentHash = table.Column<string>(type: "TEXT", nullable: true),
                    DocumentId = table.Column<int>(type: "INTEGER", nullable: true),
                    Outlinks = table.Column<string>(type: "TEXT", nullable: true),
                    HintTitle = table.Column<string>(type: "TEXT", nullable: true),
                    Depth = table.Column<int>(type: "INTEGER", nullable: false),
                    LastFetchedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrawlPages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CrawlPages_NormativeDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "NormativeDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "CrawlSources",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StartUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    IncludePatterns = table.Column<string>(type: "TEXT", nullable: false),
                    ExcludePatterns = table.Column<string>(type: "TEXT", nullable: false),
                    ScheduleHours = table.Column<int>(type: "INTEGER", nullable: false),
                    DelayMs = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxPages = table.Column<int>(type: "INTEGER", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastRunAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RunRequested = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrawlSources", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DocumentAlternateUrls",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DocumentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Url = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: false),
                    FirstSeenAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DocumentAlternateUrls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DocumentAlternateUrls_NormativeDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "NormativeDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CrawlRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SourceId = table.Column<int>(type: "INTEGER", nullable: true),
                    StartUrl = table.Column<string>(type: "TEXT", nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    PagesFetched = table.Column<int>(type: "INTEGER", nullable: false),
                    NotModified = table.Column<int>(type: "INTEGER", nullable: false),
                    DocumentsNew = table.Column<int>(type: "INTEGER", nullable: false),
                    DocumentsChanged = table.Column<int>(type: "INTEGER", nullable: false),
                    DocumentsUnchanged = table.Column<int>(type: "INTEGER", nullable: false),
                    Duplicates = table.Column<int>(type: "INTEGER", nullable: false),
                    Failed = table.Column<int>(type: "INTEGER", nullable: false),
                    SkippedByRobots = table.Column<int>(type: "INTEGER", nullable: false),
                    Message = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrawlRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CrawlRuns_CrawlSources_SourceId",
                        column: x => x.SourceId,
                        principalTable: "CrawlSources",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "CrawlRunErrors",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<int>(type: "INTEGER", nullable: false),
                    Url = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrawlRunErrors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CrawlRunErrors_CrawlRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "CrawlRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_NormativeDocuments_ContentHash",
                table: "NormativeDocuments",
                column: "ContentHash");

            migrationBuilder.CreateIndex(
                name: "IX_NormativeDocuments_SourceUrl",
                table: "NormativeDocuments",
                column: "SourceUrl");

            migrationBuilder.CreateIndex(
                name: "IX_CrawlPages_DocumentId",
                table: "CrawlPages",
                column: "DocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_CrawlPages_Host_State",
                table: "CrawlPages",
                columns: new[] { "Host", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_CrawlPages_Url",
                table: "CrawlPages",
                column: "Url",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CrawlRunErrors_RunId",
                table: "CrawlRunErrors",
                column: "RunId");

            migrationBuilder.CreateIndex(
                name: "IX_CrawlRuns_SourceId",
                table: "CrawlRuns",
                column: "SourceId");

            migrationBuilder.CreateIndex(
                name: "IX_CrawlRuns_StartedAt",
                table: "CrawlRuns",
                column: "StartedAt");

            migrationBuilder.CreateIndex(
                name: "IX_DocumentAlternateUrls_DocumentId",
                table: "DocumentAlternateUrls",
                column: "DocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_DocumentAlternateUrls_Url",
                table: "DocumentAlternateUrls",
                column: "Url",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CrawlPages");

            migrationBuilder.DropTable(
                name: "CrawlRunErrors");

            migrationBuilder.DropTable(
                name: "DocumentAlternateUrls");

            migrationBuilder.DropTable(
                name: "CrawlRuns");

            migrationBuilder.DropTable(
                name: "CrawlSources");

            migrationBuilder.DropIndex(
                name: "IX_NormativeDocuments_ContentHash",
                table: "NormativeDocuments");

            migrationBuilder.DropIndex(
                name: "IX_NormativeDocuments_SourceUrl",
                table: "NormativeDocuments");
        }
    }
}
