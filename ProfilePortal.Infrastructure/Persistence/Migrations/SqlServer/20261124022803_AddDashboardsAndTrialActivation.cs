using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProfilePortal.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddDashboardsAndTrialActivation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Subscriptions_PlanCode",
                table: "Subscriptions");

            migrationBuilder.CreateTable(
                name: "DailyMetrics",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Metric = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Dimension = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Value = table.Column<decimal>(type: "decimal(19,4)", precision: 19, scale: 4, nullable: false),
                    ComputedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DailyMetrics", x => new { x.Day, x.Metric, x.Dimension });
                });

            migrationBuilder.CreateTable(
                name: "TrialActivationAttempts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PlanCode = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    AttemptedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Outcome = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    ErrorCode = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    IpAddress = table.Column<string>(type: "nvarchar(45)", maxLength: 45, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrialActivationAttempts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TrialActivationAttempts_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TrialActivationAttempts_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Trials_OutcomeAt",
                table: "Trials",
                column: "OutcomeAt");

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_PlanCode_Status_DiscountPercent_DiscountExpiresAt",
                table: "Subscriptions",
                columns: new[] { "PlanCode", "Status", "DiscountPercent", "DiscountExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_EmailMessages_CreatedAt_Status",
                table: "EmailMessages",
                columns: new[] { "CreatedAt", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_TrialActivationAttempts_AttemptedAt_Outcome",
                table: "TrialActivationAttempts",
                columns: new[] { "AttemptedAt", "Outcome" });

            migrationBuilder.CreateIndex(
                name: "IX_TrialActivationAttempts_OrganizationId",
                table: "TrialActivationAttempts",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_TrialActivationAttempts_UserId",
                table: "TrialActivationAttempts",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DailyMetrics");

            migrationBuilder.DropTable(
                name: "TrialActivationAttempts");

            migrationBuilder.DropIndex(
                name: "IX_Trials_OutcomeAt",
                table: "Trials");

            migrationBuilder.DropIndex(
                name: "IX_Subscriptions_PlanCode_Status_DiscountPercent_DiscountExpiresAt",
                table: "Subscriptions");

            migrationBuilder.DropIndex(
                name: "IX_EmailMessages_CreatedAt_Status",
                table: "EmailMessages");

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_PlanCode",
                table: "Subscriptions",
                column: "PlanCode");
        }
    }
}
