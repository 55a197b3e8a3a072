using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CostSense.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DashboardAtScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DailyCostRollups_Date",
                table: "DailyCostRollups");

            migrationBuilder.CreateIndex(
                name: "IX_Recommendations_Grid_Action",
                table: "Recommendations",
                columns: new[] { "Kind", "IsActive", "Action", "MonthlySavings" });

            migrationBuilder.CreateIndex(
                name: "IX_DailyCostRollups_Date_BillingCurrency_EffectiveCost",
                table: "DailyCostRollups",
                columns: new[] { "Date", "BillingCurrency", "EffectiveCost" });

            migrationBuilder.Sql(global::CostSense.Core.Data.PostgresReadTuning.CreateSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(global::CostSense.Core.Data.PostgresReadTuning.DropSql);

            migrationBuilder.DropIndex(
                name: "IX_Recommendations_Grid_Action",
                table: "Recommendations");

            migrationBuilder.DropIndex(
                name: "IX_DailyCostRollups_Date_BillingCurrency_EffectiveCost",
                table: "DailyCostRollups");

            migrationBuilder.CreateIndex(
                name: "IX_DailyCostRollups_Date",
                table: "DailyCostRollups",
                column: "Date");
        }
    }
}
