using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProfilePortal.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddAntifraud : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FraudSignals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Key = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    FirstSeenAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ReviewedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Note = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FraudSignals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FraudBlocks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Value = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Label = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    SignalId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    CreatedByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FraudBlocks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FraudBlocks_FraudSignals_SignalId",
                        column: x => x.SignalId,
                        principalTable: "FraudSignals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "FraudSignalAccounts",
                columns: table => new
                {
                    SignalId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Email = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    TrialId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FraudSignalAccounts", x => new { x.SignalId, x.UserId });
                    table.ForeignKey(
                        name: "FK_FraudSignalAccounts_FraudSignals_SignalId",
                        column: x => x.SignalId,
                        principalTable: "FraudSignals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FraudBlocks_CreatedAt",
                table: "FraudBlocks",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_FraudBlocks_Kind_Value",
                table: "FraudBlocks",
                columns: new[] { "Kind", "Value" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FraudBlocks_OrganizationId",
                table: "FraudBlocks",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_FraudBlocks_SignalId",
                table: "FraudBlocks",
                column: "SignalId");

            migrationBuilder.CreateIndex(
                name: "IX_FraudSignalAccounts_UserId",
                table: "FraudSignalAccounts",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_FraudSignals_Kind_Key_Open",
                table: "FraudSignals",
                columns: new[] { "Kind", "Key" },
                unique: true,
                filter: "\"Status\" = 'Open'");

            migrationBuilder.CreateIndex(
                name: "IX_FraudSignals_Kind_Key_ReviewedAt",
                table: "FraudSignals",
                columns: new[] { "Kind", "Key", "ReviewedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FraudSignals_Status_RaisedAt",
                table: "FraudSignals",
                columns: new[] { "Status", "RaisedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FraudBlocks");

            migrationBuilder.DropTable(
                name: "FraudSignalAccounts");

            migrationBuilder.DropTable(
                name: "FraudSignals");
        }
    }
}
