using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CostSense.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ImportBatchesAndProviders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Rows already in the store (the demo tenant, earlier imports) are all Azure's.
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

            migrationBuilder.AddColumn<long>(
                name: "ImportBatchId",
                table: "CostRecords",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProviderName",
                table: "CostRecords",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "Microsoft");

            migrationBuilder.CreateIndex(
                name: "IX_CostRecords_ImportBatchId",
                table: "CostRecords",
                column: "ImportBatchId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CostRecords_ImportBatchId",
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
                name: "ImportBatchId",
                table: "CostRecords");

            migrationBuilder.DropColumn(
                name: "ProviderName",
                table: "CostRecords");
        }
    }
}
