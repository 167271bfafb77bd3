using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class DocumentListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_NormativeDocuments_Date",
                table: "NormativeDocuments");

            migrationBuilder.CreateIndex(
                name: "IX_NormativeDocuments_Date_Title",
                table: "NormativeDocuments",
                columns: new[] { "Date", "Title" },
                descending: new[] { true, false });

            migrationBuilder.CreateIndex(
                name: "IX_NormativeDocuments_Issuer",
                table: "NormativeDocuments",
                column: "Issuer");

            migrationBuilder.CreateIndex(
                name: "IX_NormativeDocuments_Title",
                table: "NormativeDocuments",
                column: "Title");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_NormativeDocuments_Date_Title",
                table: "NormativeDocuments");

            migrationBuilder.DropIndex(
                name: "IX_NormativeDocuments_Issuer",
                table: "NormativeDocuments");

            migrationBuilder.DropIndex(
                name: "IX_NormativeDocuments_Title",
                table: "NormativeDocuments");

            migrationBuilder.CreateIndex(
                name: "IX_NormativeDocuments_Date",
                table: "NormativeDocuments",
                column: "Date");
        }
    }
}
