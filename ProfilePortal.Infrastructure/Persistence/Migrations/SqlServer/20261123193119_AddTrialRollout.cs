using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProfilePortal.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddTrialRollout : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FeatureChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FeatureName = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ActorUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Actor = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    FromEnabled = table.Column<bool>(type: "bit", nullable: false),
                    FromRolloutPercentage = table.Column<int>(type: "int", nullable: true),
                    FromConfiguration = table.Column<bool>(type: "bit", nullable: false),
                    ToEnabled = table.Column<bool>(type: "bit", nullable: false),
                    ToRolloutPercentage = table.Column<int>(type: "int", nullable: true),
                    ToConfiguration = table.Column<bool>(type: "bit", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeatureChanges", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Payments_Purpose_LastAttemptAt",
                table: "Payments",
                columns: new[] { "Purpose", "LastAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Action_OccurredAt",
                table: "AuditEntries",
                columns: new[] { "Action", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_CreatedAt",
                table: "AspNetUsers",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_FeatureChanges_FeatureName_ChangedAt",
                table: "FeatureChanges",
                columns: new[] { "FeatureName", "ChangedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FeatureChanges");

            migrationBuilder.DropIndex(
                name: "IX_Payments_Purpose_LastAttemptAt",
                table: "Payments");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_Action_OccurredAt",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_CreatedAt",
                table: "AspNetUsers");
        }
    }
}
