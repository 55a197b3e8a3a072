using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CostSense.Core.Data.Migrations.Postgres
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
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AdvisorRecommendations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    ResourceId = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    SubscriptionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ImpactedField = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    ImpactedValue = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    RecommendationTypeId = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    Problem = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Solution = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Impact = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    CurrentSku = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    TargetSku = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    MonthlySavings = table.Column<decimal>(type: "numeric", nullable: true),
                    AnnualSavings = table.Column<decimal>(type: "numeric", nullable: true),
                    Currency = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    Term = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    LastUpdated = table.Column<long>(type: "bigint", nullable: true),
                    SyncedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdvisorRecommendations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AzureCostMonths",
                columns: table => new
                {
                    Scope = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    FetchedAt = table.Column<long>(type: "bigint", nullable: false),
                    Closed = table.Column<bool>(type: "boolean", nullable: false),
                    Rows = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AzureCostMonths", x => new { x.Scope, x.Month });
                });

            migrationBuilder.CreateTable(
                name: "AzureSyncRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StartedAt = table.Column<long>(type: "bigint", nullable: false),
                    FinishedAt = table.Column<long>(type: "bigint", nullable: true),
                    TriggeredBy = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Instance = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Message = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AzureSyncRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetailPrices",
                columns: table => new
                {
                    ArmSkuName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Region = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    HourlyPrice = table.Column<decimal>(type: "numeric", nullable: false),
                    Currency = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    MeterId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    EffectiveStartDate = table.Column<long>(type: "bigint", nullable: false),
                    SyncedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetailPrices", x => new { x.ArmSkuName, x.Region, x.Kind });
                });

            migrationBuilder.CreateTable(
                name: "AzureSyncStepRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AzureSyncRunId = table.Column<long>(type: "bigint", nullable: false),
                    Step = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    StartedAt = table.Column<long>(type: "bigint", nullable: true),
                    FinishedAt = table.Column<long>(type: "bigint", nullable: true),
                    Items = table.Column<int>(type: "integer", nullable: false),
                    Message = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RetryAt = table.Column<long>(type: "bigint", nullable: true)
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
