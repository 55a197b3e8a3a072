using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CostSense.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EnterpriseScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "JobLeases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Until = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Runs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobLeases", x => x.Name);
                });

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

            migrationBuilder.CreateIndex(
                name: "IX_DailyCostRollups_BillingCurrency",
                table: "DailyCostRollups",
                column: "BillingCurrency");

            migrationBuilder.CreateIndex(
                name: "IX_DailyCostRollups_ProviderName_SubAccountId_SubAccountName",
                table: "DailyCostRollups",
                columns: new[] { "ProviderName", "SubAccountId", "SubAccountName" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "JobLeases");

            migrationBuilder.DropIndex(
                name: "IX_Recommendations_Grid",
                table: "Recommendations");

            migrationBuilder.DropIndex(
                name: "IX_Recommendations_Grid_ResourceGroup",
                table: "Recommendations");

            migrationBuilder.DropIndex(
                name: "IX_Recommendations_Grid_Subscription",
                table: "Recommendations");

            migrationBuilder.DropIndex(
                name: "IX_DailyCostRollups_BillingCurrency",
                table: "DailyCostRollups");

            migrationBuilder.DropIndex(
                name: "IX_DailyCostRollups_ProviderName_SubAccountId_SubAccountName",
                table: "DailyCostRollups");
        }
    }
}
