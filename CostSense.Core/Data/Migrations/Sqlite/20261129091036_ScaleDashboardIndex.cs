using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CostSense.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScaleDashboardIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_DailyCostRollups_ProviderName_SubAccountId_SubAccountName",
                table: "DailyCostRollups",
                columns: new[] { "ProviderName", "SubAccountId", "SubAccountName" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DailyCostRollups_ProviderName_SubAccountId_SubAccountName",
                table: "DailyCostRollups");
        }
    }
}
