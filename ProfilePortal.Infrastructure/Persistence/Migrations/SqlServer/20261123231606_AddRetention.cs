using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProfilePortal.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PauseReminderSentAt",
                table: "Subscriptions",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ScheduledPlanCode",
                table: "Subscriptions",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "ProrationCredit",
                table: "Payments",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "QuotedAt",
                table: "Payments",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "MarketingOptOutAt",
                table: "AspNetUsers",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CancellationFeedback",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SubscriptionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PlanCode = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Flow = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    CancellationReason = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    OtherText = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    OfferKind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    OfferPercent = table.Column<int>(type: "int", nullable: true),
                    OfferPeriods = table.Column<int>(type: "int", nullable: true),
                    OfferPauseMonths = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    OfferPlanCode = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    Outcome = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    AcceptedPauseMonths = table.Column<int>(type: "int", nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CancellationFeedback", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CancellationFeedback_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CancellationFeedback_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CancellationFeedback_Subscriptions_SubscriptionId",
                        column: x => x.SubscriptionId,
                        principalTable: "Subscriptions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WinBacks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SubscriptionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    AccessEndsAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Step1SentAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Step2SentAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ConvertedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Closure = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WinBacks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WinBacks_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_WinBacks_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_WinBacks_Subscriptions_SubscriptionId",
                        column: x => x.SubscriptionId,
                        principalTable: "Subscriptions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CancellationFeedback_OrganizationId",
                table: "CancellationFeedback",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_CancellationFeedback_Outcome_DecidedAt",
                table: "CancellationFeedback",
                columns: new[] { "Outcome", "DecidedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CancellationFeedback_StartedAt",
                table: "CancellationFeedback",
                column: "StartedAt");

            migrationBuilder.CreateIndex(
                name: "IX_CancellationFeedback_SubscriptionId_StartedAt",
                table: "CancellationFeedback",
                columns: new[] { "SubscriptionId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CancellationFeedback_UserId",
                table: "CancellationFeedback",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_WinBacks_ClosedAt_AccessEndsAt",
                table: "WinBacks",
                columns: new[] { "ClosedAt", "AccessEndsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WinBacks_OrganizationId",
                table: "WinBacks",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_WinBacks_SubscriptionId_AccessEndsAt",
                table: "WinBacks",
                columns: new[] { "SubscriptionId", "AccessEndsAt" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WinBacks_UserId",
                table: "WinBacks",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CancellationFeedback");

            migrationBuilder.DropTable(
                name: "WinBacks");

            migrationBuilder.DropColumn(
                name: "PauseReminderSentAt",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "ScheduledPlanCode",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "ProrationCredit",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "QuotedAt",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "MarketingOptOutAt",
                table: "AspNetUsers");
        }
    }
}
