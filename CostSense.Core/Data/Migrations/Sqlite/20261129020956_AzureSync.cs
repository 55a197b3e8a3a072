using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CostSense.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AzureSync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Zones",
                table: "VirtualMachines",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AdvisorRecommendations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    ResourceId = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    SubscriptionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ImpactedField = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    ImpactedValue = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    RecommendationTypeId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    Problem = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Solution = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Impact = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    CurrentSku = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    TargetSku = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    MonthlySavings = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: true),
                    AnnualSavings = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: true),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    Term = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    LastUpdated = table.Column<long>(type: "INTEGER", nullable: true),
                    SyncedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdvisorRecommendations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AzureCostMonths",
                columns: table => new
                {
                    Scope = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    FetchedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Closed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Rows = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AzureCostMonths", x => new { x.Scope, x.Month });
                });

            migrationBuilder.CreateTable(
                name: "AzureSyncRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    TriggeredBy = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Instance = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AzureSyncRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetailPrices",
                columns: table => new
                {
                    ArmSkuName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    HourlyPrice = table.Column<decimal>(type: "TEXT", precision: 28, scale: 10, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    MeterId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    EffectiveStartDate = table.Column<long>(type: "INTEGER", nullable: false),
                    SyncedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetailPrices", x => new { x.ArmSkuName, x.Region, x.Kind });
                });

            migrationBuilder.CreateTable(
                name: "AzureSyncStepRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AzureSyncRunId = table.Column<long>(type: "INTEGER", nullable: false),
                    Step = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Items = table.Column<int>(type: "INTEGER", nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RetryAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AzureSyncStepRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AzureSyncStepRuns_AzureSyncRuns_AzureSyncRunId",
                        column: x => x.AzureSyncRunId,
                        principalTable: "AzureSyncRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AdvisorRecommendations_ResourceId",
                table: "AdvisorRecommendations",
                column: "ResourceId");

            migrationBuilder.CreateIndex(
                name: "IX_AzureSyncRuns_StartedAt",
                table: "AzureSyncRuns",
                column: "StartedAt");

            migrationBuilder.CreateIndex(
                name: "IX_AzureSyncStepRuns_AzureSyncRunId_Step",
                table: "AzureSyncStepRuns",
                columns: new[] { "AzureSyncRunId", "Step" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AdvisorRecommendations");

            migrationBuilder.DropTable(
                name: "AzureCostMonths");

            migrationBuilder.DropTable(
                name: "AzureSyncStepRuns");

            migrationBuilder.DropTable(
                name: "RetailPrices");

            migrationBuilder.DropTable(
                name: "AzureSyncRuns");

            migrationBuilder.DropColumn(
                name: "Zones",
                table: "VirtualMachines");
        }
    }
}
