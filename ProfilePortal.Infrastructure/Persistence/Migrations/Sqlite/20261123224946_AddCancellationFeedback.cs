using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProfilePortal.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddCancellationFeedback : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CancellationFeedback",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubscriptionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Flow = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CancellationReason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    OtherText = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    OfferKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    OfferPercent = table.Column<int>(type: "INTEGER", nullable: true),
                    OfferPeriods = table.Column<int>(type: "INTEGER", nullable: true),
                    OfferPauseMonths = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    OfferPlanCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AcceptedPauseMonths = table.Column<int>(type: "INTEGER", nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CancellationFeedback");
        }
    }
}
