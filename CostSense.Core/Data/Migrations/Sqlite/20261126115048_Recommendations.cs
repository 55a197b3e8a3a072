using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CostSense.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Recommendations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RecommendationEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RecommendationId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    ActorId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecommendationEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RecommendationRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Stamp = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ComputedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Active = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecommendationRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Recommendations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ResourceId = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    ResourceName = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    SubscriptionId = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    ResourceGroup = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Environment = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    Tags = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Current = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    CurrentMonthlyCost = table.Column<double>(type: "REAL", precision: 28, scale: 10, nullable: false),
                    ProjectedMonthlyCost = table.Column<double>(type: "REAL", precision: 28, scale: 10, nullable: false),
                    MonthlySavings = table.Column<double>(type: "REAL", precision: 28, scale: 10, nullable: false),
                    AnnualSavings = table.Column<double>(type: "REAL", precision: 28, scale: 10, nullable: false),
                    Confidence = table.Column<double>(type: "REAL", nullable: false),
                    EffortHours = table.Column<double>(type: "REAL", nullable: false),
                    Risk = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Rationale = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Command = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CpuP95 = table.Column<double>(type: "REAL", nullable: true),
                    MemoryP95 = table.Column<double>(type: "REAL", nullable: true),
                    LookbackDays = table.Column<int>(type: "INTEGER", nullable: false),
                    ComputedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    StatusReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    SnoozedUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    StatusChangedBy = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    StatusChangedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    RealizedMonthlySavings = table.Column<double>(type: "REAL", precision: 28, scale: 10, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Recommendations", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RecommendationEvents_RecommendationId",
                table: "RecommendationEvents",
                column: "RecommendationId");

            migrationBuilder.CreateIndex(
                name: "IX_Recommendations_Kind_IsActive_Status",
                table: "Recommendations",
                columns: new[] { "Kind", "IsActive", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Recommendations_ResourceId",
                table: "Recommendations",
                column: "ResourceId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RecommendationEvents");

            migrationBuilder.DropTable(
                name: "RecommendationRuns");

            migrationBuilder.DropTable(
                name: "Recommendations");
        }
    }
}
