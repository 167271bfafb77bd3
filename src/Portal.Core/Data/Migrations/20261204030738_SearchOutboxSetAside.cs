using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchOutboxSetAside : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "SearchOutbox",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Error",
                table: "SearchOutbox",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SetAsideAt",
                table: "SearchOutbox",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_SearchOutbox_SetAsideAt",
                table: "SearchOutbox",
                column: "SetAsideAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SearchOutbox_SetAsideAt",
                table: "SearchOutbox");

            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "SearchOutbox");

            migrationBuilder.DropColumn(
                name: "Error",
                table: "SearchOutbox");

            migrationBuilder.DropColumn(
                name: "SetAsideAt",
                table: "SearchOutbox");
        }
    }
}
