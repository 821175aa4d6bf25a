using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProfilePortal.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddQuotaNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "QuotaNotices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PeriodStart = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Level = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Used = table.Column<int>(type: "int", nullable: false),
                    Limit = table.Column<int>(type: "int", nullable: false),
                    EmailMessageId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuotaNotices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QuotaNotices_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_QuotaNotices_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QuotaNoticeWatermarks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false),
                    ReadFromEventId = table.Column<long>(type: "bigint", nullable: false),
                    ReadThroughEventId = table.Column<long>(type: "bigint", nullable: false),
                    LastSweptAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuotaNoticeWatermarks", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "QuotaNoticeWatermarks",
                columns: new[] { "Id", "LastSweptAt", "ReadFromEventId", "ReadThroughEventId", "Version" },
                values: new object[] { 1, null, 0L, 0L, new Guid("6f1b8c1e-2f4d-4a57-9a0e-5b3c7d9e1a20") });

            migrationBuilder.CreateIndex(
                name: "IX_QuotaNotices_OrganizationId_UserId_PeriodStart_Level",
                table: "QuotaNotices",
                columns: new[] { "OrganizationId", "UserId", "PeriodStart", "Level" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QuotaNotices_UserId",
                table: "QuotaNotices",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "QuotaNotices");

            migrationBuilder.DropTable(
                name: "QuotaNoticeWatermarks");
        }
    }
}
