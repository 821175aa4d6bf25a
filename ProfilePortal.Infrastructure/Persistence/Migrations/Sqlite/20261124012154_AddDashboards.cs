using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProfilePortal.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddDashboards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DailyMetrics",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Metric = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Dimension = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 19, scale: 4, nullable: false),
                    ComputedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DailyMetrics", x => new { x.Day, x.Metric, x.Dimension });
                });

            migrationBuilder.CreateIndex(
                name: "IX_Trials_OutcomeAt",
                table: "Trials",
                column: "OutcomeAt");

            migrationBuilder.CreateIndex(
                name: "IX_EmailMessages_CreatedAt_Status",
                table: "EmailMessages",
                columns: new[] { "CreatedAt", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DailyMetrics");

            migrationBuilder.DropIndex(
                name: "IX_Trials_OutcomeAt",
                table: "Trials");

            migrationBuilder.DropIndex(
                name: "IX_EmailMessages_CreatedAt_Status",
                table: "EmailMessages");
        }
    }
}
