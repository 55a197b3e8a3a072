using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CostSense.Core.Data.Migrations.Postgres
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
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Holder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Until = table.Column<long>(type: "bigint", nullable: false),
                    StartedAt = table.Column<long>(type: "bigint", nullable: false),
                    Runs = table.Column<long>(type: "bigint", nullable: false)
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

            // The cost rows partitioned by month, after every index operation above (CostPartitions re-creates the
            // table's indexes from their definitions).
            migrationBuilder.Sql(global::CostSense.Core.Data.CostPartitions.PartitionSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(global::CostSense.Core.Data.CostPartitions.UnpartitionSql);

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
