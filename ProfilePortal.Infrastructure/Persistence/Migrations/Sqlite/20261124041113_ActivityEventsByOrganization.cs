using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProfilePortal.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ActivityEventsByOrganization : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ActivityEvents_Organization_OccurredAt",
                table: "ActivityEvents",
                columns: new[] { "OrganizationId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ActivityEvents_User_Organization_OccurredAt",
                table: "ActivityEvents",
                columns: new[] { "UserId", "OrganizationId", "OccurredAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ActivityEvents_Organization_OccurredAt",
                table: "ActivityEvents");

            migrationBuilder.DropIndex(
                name: "IX_ActivityEvents_User_Organization_OccurredAt",
                table: "ActivityEvents");
        }
    }
}
