using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProfilePortal.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddCustomerSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NormalizedName",
                table: "Organizations",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true,
                collation: "Latin1_General_100_BIN2");

            migrationBuilder.AddColumn<string>(
                name: "NormalizedCompany",
                table: "AspNetUsers",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true,
                collation: "Latin1_General_100_BIN2");

            migrationBuilder.AddColumn<string>(
                name: "NormalizedFirstName",
                table: "AspNetUsers",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true,
                collation: "Latin1_General_100_BIN2");

            migrationBuilder.AddColumn<string>(
                name: "NormalizedLastName",
                table: "AspNetUsers",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true,
                collation: "Latin1_General_100_BIN2");

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_NormalizedName",
                table: "Organizations",
                column: "NormalizedName");

            migrationBuilder.CreateIndex(
                name: "IX_EmailMessages_ToAddress_CreatedAt",
                table: "EmailMessages",
                columns: new[] { "ToAddress", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_NormalizedCompany",
                table: "AspNetUsers",
                column: "NormalizedCompany");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_NormalizedFirstName",
                table: "AspNetUsers",
                column: "NormalizedFirstName");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_NormalizedLastName_NormalizedFirstName",
                table: "AspNetUsers",
                columns: new[] { "NormalizedLastName", "NormalizedFirstName" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Organizations_NormalizedName",
                table: "Organizations");

            migrationBuilder.DropIndex(
                name: "IX_EmailMessages_ToAddress_CreatedAt",
                table: "EmailMessages");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_NormalizedCompany",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_NormalizedFirstName",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_NormalizedLastName_NormalizedFirstName",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "NormalizedName",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "NormalizedCompany",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "NormalizedFirstName",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "NormalizedLastName",
                table: "AspNetUsers");
        }
    }
}
