using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CostSense.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CostRowsWithoutResourceIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CostRecords_ResourceId",
                table: "CostRecords");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_CostRecords_ResourceId",
                table: "CostRecords",
                column: "ResourceId");
        }
    }
}
