using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProfilePortal.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddTrials : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "GraceEndsAt",
                table: "Subscriptions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TrialRemindersSent",
                table: "Subscriptions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "Trials",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubscriptionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    IpAddress = table.Column<string>(type: "TEXT", maxLength: 45, nullable: true),
                    CardFingerprint = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OutcomeAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Trials", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Trials_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Trials_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Trials_Subscriptions_SubscriptionId",
                        column: x => x.SubscriptionId,
                        principalTable: "Subscriptions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_Status_GraceEndsAt",
                table: "Subscriptions",
                columns: new[] { "Status", "GraceEndsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Trials_CardFingerprint",
                table: "Trials",
                column: "CardFingerprint");

            migrationBuilder.CreateIndex(
                name: "IX_Trials_IpAddress_StartedAt",
                table: "Trials",
                columns: new[] { "IpAddress", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Trials_OrganizationId",
                table: "Trials",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Trials_StartedAt",
                table: "Trials",
                column: "StartedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Trials_SubscriptionId",
                table: "Trials",
                column: "SubscriptionId");

            migrationBuilder.CreateIndex(
                name: "IX_Trials_UserId",
                table: "Trials",
                column: "UserId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Trials");

            migrationBuilder.DropIndex(
                name: "IX_Subscriptions_Status_GraceEndsAt",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "GraceEndsAt",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "TrialRemindersSent",
                table: "Subscriptions");
        }
    }
}
