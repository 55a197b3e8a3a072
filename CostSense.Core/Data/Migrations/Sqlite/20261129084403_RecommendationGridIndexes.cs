using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CostSense.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RecommendationGridIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Recommendations_Grid",
                table: "Recommendations",
                columns: new[] { "Kind", "IsActive", "MonthlySavings", "Id" },
                descending: new[] { false, false, true, false });

            migrationBuilder.CreateIndex(
                name: "IX_Recommendations_Grid_ResourceGroup",
                table: "Recommendations",
                columns: new[] { "Kind", "IsActive", "ResourceGroup", "MonthlySavings", "Id" },
                descending: new[] { false, false, false, true, false });

            migrationBuilder.CreateIndex(
                name: "IX_Recommendations_Grid_Subscription",
                table: "Recommendations",
                columns: new[] { "Kind", "IsActive", "SubscriptionId", "MonthlySavings", "Id" },
                descending: new[] { false, false, false, true, false });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Recommendations_Grid",
                table: "Recommendations");

            migrationBuilder.DropIndex(
                name: "IX_Recommendations_Grid_ResourceGroup",
                table: "Recommendations");

            migrationBuilder.DropIndex(
                name: "IX_Recommendations_Grid_Subscription",
                table: "Recommendations");
        }
    }
}
