using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CostSense.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CostPartitions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(global::CostSense.Core.Data.CostPartitions.PartitionSql);

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(global::CostSense.Core.Data.CostPartitions.UnpartitionSql);

        }
    }
}
