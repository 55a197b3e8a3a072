using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CostSense.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CostRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Source = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    ChargePeriodStart = table.Column<DateOnly>(type: "date", nullable: false),
                    BillingAccountId = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    SubAccountId = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    SubAccountName = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    ResourceGroup = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    ResourceId = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    ResourceName = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    ResourceType = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    ServiceCategory = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    ServiceName = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    RegionId = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    SkuId = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    PricingCategory = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    ChargeCategory = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    CommitmentDiscountId = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    BilledCost = table.Column<decimal>(type: "numeric(28,10)", precision: 28, scale: 10, nullable: false),
                    EffectiveCost = table.Column<decimal>(type: "numeric(28,10)", precision: 28, scale: 10, nullable: false),
                    ListCost = table.Column<decimal>(type: "numeric(28,10)", precision: 28, scale: 10, nullable: false),
                    BillingCurrency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    ConsumedQuantity = table.Column<decimal>(type: "numeric(28,10)", precision: 28, scale: 10, nullable: true),
                    ConsumedUnit = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    Tags = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    TagEnvironment = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    TagCostCenter = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CostRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DailyCostRollups",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    SubAccountId = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    SubAccountName = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    ResourceGroup = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    ServiceName = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    RegionId = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    TagEnvironment = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    TagCostCenter = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    BillingCurrency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    BilledCost = table.Column<decimal>(type: "numeric(28,10)", precision: 28, scale: 10, nullable: false),
                    EffectiveCost = table.Column<decimal>(type: "numeric(28,10)", precision: 28, scale: 10, nullable: false),
                    RowCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DailyCostRollups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DailyMetrics",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ResourceId = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    HoursRunning = table.Column<double>(type: "double precision", nullable: false),
                    CpuAverage = table.Column<double>(type: "double precision", nullable: false),
                    CpuMax = table.Column<double>(type: "double precision", nullable: false),
                    CpuP95 = table.Column<double>(type: "double precision", nullable: false),
                    MemoryAverage = table.Column<double>(type: "double precision", nullable: false),
                    MemoryMax = table.Column<double>(type: "double precision", nullable: false),
                    MemoryP95 = table.Column<double>(type: "double precision", nullable: false),
                    NetworkMiB = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DailyMetrics", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ImportBatches",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Source = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    RowCount = table.Column<int>(type: "integer", nullable: false),
                    EffectiveCost = table.Column<decimal>(type: "numeric(28,10)", precision: 28, scale: 10, nullable: false),
                    Currency = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    ImportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportBatches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PeriodVersions",
                columns: table => new
                {
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PeriodVersions", x => x.Month);
                });

            migrationBuilder.CreateTable(
                name: "StorageAccounts",
                columns: table => new
                {
                    ResourceId = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    Source = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    Name = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    SubscriptionId = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    ResourceGroup = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    Region = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    Kind = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    AccessTier = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Replication = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    Environment = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    UsedCapacityGiB = table.Column<double>(type: "double precision", nullable: false),
                    ReadTransactionsPerDay = table.Column<long>(type: "bigint", nullable: false),
                    WriteTransactionsPerDay = table.Column<long>(type: "bigint", nullable: false),
                    SecondaryReadsPerDay = table.Column<long>(type: "bigint", nullable: false),
                    LastAccessed = table.Column<DateOnly>(type: "date", nullable: false),
                    Tags = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StorageAccounts", x => x.ResourceId);
                });

            migrationBuilder.CreateTable(
                name: "UtilizationRollups",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    SubscriptionId = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    VmCount = table.Column<int>(type: "integer", nullable: false),
                    CpuAverageSum = table.Column<double>(type: "double precision", nullable: false),
                    CpuP95Sum = table.Column<double>(type: "double precision", nullable: false),
                    MemoryAverageSum = table.Column<double>(type: "double precision", nullable: false),
                    MemoryP95Sum = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UtilizationRollups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "VirtualMachines",
                columns: table => new
                {
                    ResourceId = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    Source = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    Name = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    SubscriptionId = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    ResourceGroup = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    Region = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    Size = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    VCpus = table.Column<int>(type: "integer", nullable: false),
                    MemoryGiB = table.Column<double>(type: "double precision", nullable: false),
                    OsType = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    PowerState = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PowerStateSince = table.Column<DateOnly>(type: "date", nullable: false),
                    Workload = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    Environment = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    DiskSizeGiB = table.Column<int>(type: "integer", nullable: false),
                    DiskSku = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    Tags = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VirtualMachines", x => x.ResourceId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CostRecords_ChargePeriodStart",
                table: "CostRecords",
                column: "ChargePeriodStart");

            migrationBuilder.CreateIndex(
                name: "IX_CostRecords_Source_ChargePeriodStart",
                table: "CostRecords",
                columns: new[] { "Source", "ChargePeriodStart" });

            migrationBuilder.CreateIndex(
                name: "IX_DailyCostRollups_Date",
                table: "DailyCostRollups",
                column: "Date");

            migrationBuilder.CreateIndex(
                name: "IX_DailyCostRollups_SubAccountId_Date",
                table: "DailyCostRollups",
                columns: new[] { "SubAccountId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_DailyMetrics_Date",
                table: "DailyMetrics",
                column: "Date");

            migrationBuilder.CreateIndex(
                name: "IX_DailyMetrics_ResourceId_Date",
                table: "DailyMetrics",
                columns: new[] { "ResourceId", "Date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UtilizationRollups_Date_SubscriptionId",
                table: "UtilizationRollups",
                columns: new[] { "Date", "SubscriptionId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CostRecords");

            migrationBuilder.DropTable(
                name: "DailyCostRollups");

            migrationBuilder.DropTable(
                name: "DailyMetrics");

            migrationBuilder.DropTable(
                name: "ImportBatches");

            migrationBuilder.DropTable(
                name: "PeriodVersions");

            migrationBuilder.DropTable(
                name: "StorageAccounts");

            migrationBuilder.DropTable(
                name: "UtilizationRollups");

            migrationBuilder.DropTable(
                name: "VirtualMachines");
        }
    }
}
