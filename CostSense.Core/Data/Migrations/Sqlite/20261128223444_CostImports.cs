using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CostSense.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CostImports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "BilledCost",
                table: "ImportBatches",
                type: "TEXT",
                precision: 28,
                scale: 10,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<string>(
                name: "FileName",
                table: "ImportBatches",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Format",
                table: "ImportBatches",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ImportedBy",
                table: "ImportBatches",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "UndoneAt",
                table: "ImportBatches",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UndoneBy",
                table: "ImportBatches",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProviderName",
                table: "DailyCostRollups",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "Microsoft");

            migrationBuilder.AddColumn<string>(
                name: "BillingAccountName",
                table: "CostRecords",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "BillingPeriodEnd",
                table: "CostRecords",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "BillingPeriodStart",
                table: "CostRecords",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ChargeClass",
                table: "CostRecords",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ChargeDescription",
                table: "CostRecords",
                type: "TEXT",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ChargeFrequency",
                table: "CostRecords",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CommitmentDiscountStatus",
                table: "CostRecords",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CommitmentDiscountType",
                table: "CostRecords",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "ContractedCost",
                table: "CostRecords",
                type: "TEXT",
                precision: 28,
                scale: 10,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<long>(
                name: "ImportBatchId",
                table: "CostRecords",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InvoiceId",
                table: "CostRecords",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InvoiceIssuerName",
                table: "CostRecords",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "PricingQuantity",
                table: "CostRecords",
                type: "TEXT",
                precision: 28,
                scale: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PricingUnit",
                table: "CostRecords",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProviderName",
                table: "CostRecords",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "Microsoft");

            migrationBuilder.AddColumn<string>(
                name: "PublisherName",
                table: "CostRecords",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SkuMeterName",
                table: "CostRecords",
                type: "TEXT",
                maxLength: 512,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ExportContainerSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    ProtectedConnectionString = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    AccountUrl = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    Container = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Folder = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    ScheduleMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExportContainerSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ExportRunImports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ExportKey = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RunId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    SubmittedTime = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ManifestPath = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    Dataset = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Rows = table.Column<long>(type: "INTEGER", nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ProcessedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ProcessedBy = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExportRunImports", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CostRecords_ImportBatchId",
                table: "CostRecords",
                column: "ImportBatchId");

            migrationBuilder.CreateIndex(
                name: "IX_CostRecords_ResourceId",
                table: "CostRecords",
                column: "ResourceId");

            migrationBuilder.CreateIndex(
                name: "IX_ExportRunImports_ExportKey_Month_RunId",
                table: "ExportRunImports",
                columns: new[] { "ExportKey", "Month", "RunId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ExportContainerSettings");

            migrationBuilder.DropTable(
                name: "ExportRunImports");

            migrationBuilder.DropIndex(
                name: "IX_CostRecords_ImportBatchId",
                table: "CostRecords");

            migrationBuilder.DropIndex(
                name: "IX_CostRecords_ResourceId",
                table: "CostRecords");

            migrationBuilder.DropColumn(
                name: "BilledCost",
                table: "ImportBatches");

            migrationBuilder.DropColumn(
                name: "FileName",
                table: "ImportBatches");

            migrationBuilder.DropColumn(
                name: "Format",
                table: "ImportBatches");

            migrationBuilder.DropColumn(
                name: "ImportedBy",
                table: "ImportBatches");

            migrationBuilder.DropColumn(
                name: "UndoneAt",
                table: "ImportBatches");

            migrationBuilder.DropColumn(
                name: "UndoneBy",
                table: "ImportBatches");

            migrationBuilder.DropColumn(
                name: "ProviderName",
                table: "DailyCostRollups");

            migrationBuilder.DropColumn(
                name: "BillingAccountName",
                table: "CostRecords");

            migrationBuilder.DropColumn(
                name: "BillingPeriodEnd",
                table: "CostRecords");

            migrationBuilder.DropColumn(
                name: "BillingPeriodStart",
                table: "CostRecords");

            migrationBuilder.DropColumn(
                name: "ChargeClass",
                table: "CostRecords");

            migrationBuilder.DropColumn(
                name: "ChargeDescription",
                table: "CostRecords");

            migrationBuilder.DropColumn(
                name: "ChargeFrequency",
                table: "CostRecords");

            migrationBuilder.DropColumn(
                name: "CommitmentDiscountStatus",
                table: "CostRecords");

            migrationBuilder.DropColumn(
                name: "CommitmentDiscountType",
                table: "CostRecords");

            migrationBuilder.DropColumn(
                name: "ContractedCost",
                table: "CostRecords");

            migrationBuilder.DropColumn(
                name: "ImportBatchId",
                table: "CostRecords");

            migrationBuilder.DropColumn(
                name: "InvoiceId",
                table: "CostRecords");

            migrationBuilder.DropColumn(
                name: "InvoiceIssuerName",
                table: "CostRecords");

            migrationBuilder.DropColumn(
                name: "PricingQuantity",
                table: "CostRecords");

            migrationBuilder.DropColumn(
                name: "PricingUnit",
                table: "CostRecords");

            migrationBuilder.DropColumn(
                name: "ProviderName",
                table: "CostRecords");

            migrationBuilder.DropColumn(
                name: "PublisherName",
                table: "CostRecords");

            migrationBuilder.DropColumn(
                name: "SkuMeterName",
                table: "CostRecords");
        }
    }
}
