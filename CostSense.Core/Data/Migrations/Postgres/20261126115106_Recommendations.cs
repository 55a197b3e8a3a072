using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CostSense.Core.Data.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RecommendationId = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    From = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    To = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Reason = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    ActorId = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    ActorName = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecommendationEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RecommendationRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Stamp = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    AsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    ComputedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Active = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecommendationRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Recommendations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ResourceId = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    ResourceName = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    SubscriptionId = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    ResourceGroup = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    Region = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    Environment = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    Tags = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Current = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    Target = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    CurrentMonthlyCost = table.Column<decimal>(type: "numeric(28,10)", precision: 28, scale: 10, nullable: false),
                    ProjectedMonthlyCost = table.Column<decimal>(type: "numeric(28,10)", precision: 28, scale: 10, nullable: false),
                    MonthlySavings = table.Column<decimal>(type: "numeric(28,10)", precision: 28, scale: 10, nullable: false),
                    AnnualSavings = table.Column<decimal>(type: "numeric(28,10)", precision: 28, scale: 10, nullable: false),
                    Confidence = table.Column<double>(type: "double precision", nullable: false),
                    EffortHours = table.Column<double>(type: "double precision", nullable: false),
                    Risk = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Rationale = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Command = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CpuP95 = table.Column<double>(type: "double precision", nullable: true),
                    MemoryP95 = table.Column<double>(type: "double precision", nullable: true),
                    LookbackDays = table.Column<int>(type: "integer", nullable: false),
                    ComputedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    StatusReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    SnoozedUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    StatusChangedBy = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    StatusChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RealizedMonthlySavings = table.Column<decimal>(type: "numeric(28,10)", precision: 28, scale: 10, nullable: true)
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
