using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProfilePortal.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddTrials : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "GraceEndsAt",
                table: "Subscriptions",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TrialRemindersSent",
                table: "Subscriptions",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "Trials",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SubscriptionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PlanCode = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    IpAddress = table.Column<string>(type: "nvarchar(45)", maxLength: 45, nullable: true),
                    CardFingerprint = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true),
                    Outcome = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    OutcomeAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
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
