using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Keqing.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SellingIISkeleton : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "orders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    QuoteId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OpportunityId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OrderDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", unicode: false, maxLength: 3, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ShippedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DeliveredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CancelledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ArchivedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CostTotalCurrency = table.Column<string>(type: "TEXT", unicode: false, maxLength: 3, nullable: false),
                    CostTotalMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    GrandTotalCurrency = table.Column<string>(type: "TEXT", unicode: false, maxLength: 3, nullable: false),
                    GrandTotalMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    NetTotalCurrency = table.Column<string>(type: "TEXT", unicode: false, maxLength: 3, nullable: false),
                    NetTotalMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    TaxTotalCurrency = table.Column<string>(type: "TEXT", unicode: false, maxLength: 3, nullable: false),
                    TaxTotalMinor = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_orders", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "products_categories",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ParentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_products_categories", x => x.Id);
                    table.ForeignKey(
                        name: "FK_products_categories_products_categories_ParentId",
                        column: x => x.ParentId,
                        principalTable: "products_categories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "products_price_groups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_products_price_groups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "quotes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RootId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContactId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OpportunityId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", unicode: false, maxLength: 3, nullable: false),
                    TaxInclusive = table.Column<bool>(type: "INTEGER", nullable: false),
                    TotalDiscountPercent = table.Column<decimal>(type: "TEXT", precision: 7, scale: 4, nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PriceDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    MaxDiscountPercent = table.Column<decimal>(type: "TEXT", precision: 7, scale: 4, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RejectionReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    OwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ApprovedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ArchivedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    DiscountTotalCurrency = table.Column<string>(type: "TEXT", unicode: false, maxLength: 3, nullable: false),
                    DiscountTotalMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    GrandTotalCurrency = table.Column<string>(type: "TEXT", unicode: false, maxLength: 3, nullable: false),
                    GrandTotalMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    NetTotalCurrency = table.Column<string>(type: "TEXT", unicode: false, maxLength: 3, nullable: false),
                    NetTotalMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    SubtotalCurrency = table.Column<string>(type: "TEXT", unicode: false, maxLength: 3, nullable: false),
                    SubtotalMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    TaxTotalCurrency = table.Column<string>(type: "TEXT", unicode: false, maxLength: 3, nullable: false),
                    TaxTotalMinor = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quotes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sellthrough_rows",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DistributorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    Opening = table.Column<long>(type: "INTEGER", nullable: false),
                    Purchases = table.Column<long>(type: "INTEGER", nullable: false),
                    Sales = table.Column<long>(type: "INTEGER", nullable: false),
                    Closing = table.Column<long>(type: "INTEGER", nullable: false),
                    Balanced = table.Column<bool>(type: "INTEGER", nullable: false),
                    Source = table.Column<short>(type: "INTEGER", nullable: false),
                    ReportedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReportedBy = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sellthrough_rows", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "orders_lines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LineNo = table.Column<int>(type: "INTEGER", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Counts = table.Column<bool>(type: "INTEGER", nullable: false),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    VatRatePercent = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    NetAmountCurrency = table.Column<string>(type: "TEXT", unicode: false, maxLength: 3, nullable: false),
                    NetAmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    TaxAmountCurrency = table.Column<string>(type: "TEXT", unicode: false, maxLength: 3, nullable: false),
                    TaxAmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    UnitCostCurrency = table.Column<string>(type: "TEXT", unicode: false, maxLength: 3, nullable: false),
                    UnitCostMinor = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_orders_lines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_orders_lines_orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "products",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sku = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameEn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CategoryId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Specification = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    VatRatePercent = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    CostCurrency = table.Column<string>(type: "TEXT", unicode: false, maxLength: 3, nullable: false),
                    CostMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    ListPriceCurrency = table.Column<string>(type: "TEXT", unicode: false, maxLength: 3, nullable: false),
                    ListPriceMinor = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_products", x => x.Id);
                    table.ForeignKey(
                        name: "FK_products_products_categories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "products_categories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "products_price_group_members",
                columns: table => new
                {
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PriceGroupId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_products_price_group_members", x => x.CustomerId);
                    table.ForeignKey(
                        name: "FK_products_price_group_members_products_price_groups_PriceGroupId",
                        column: x => x.PriceGroupId,
                        principalTable: "products_price_groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "products_price_lists",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    PriceGroupId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Currency = table.Column<string>(type: "TEXT", unicode: false, maxLength: 3, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_products_price_lists", x => x.Id);
                    table.ForeignKey(
                        name: "FK_products_price_lists_products_price_groups_PriceGroupId",
                        column: x => x.PriceGroupId,
                        principalTable: "products_price_groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "quotes_lines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    QuoteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LineNo = table.Column<int>(type: "INTEGER", nullable: false),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sku = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProductName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Specification = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    PriceListId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PriceSource = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DiscountPercent = table.Column<decimal>(type: "TEXT", precision: 7, scale: 4, nullable: false),
                    VatRatePercent = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    GrossAmountCurrency = table.Column<string>(type: "TEXT", unicode: false, maxLength: 3, nullable: false),
                    GrossAmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    ListUnitPriceCurrency = table.Column<string>(type: "TEXT", unicode: false, maxLength: 3, nullable: false),
                    ListUnitPriceMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    NetAmountCurrency = table.Column<string>(type: "TEXT", unicode: false, maxLength: 3, nullable: false),
                    NetAmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    TaxAmountCurrency = table.Column<string>(type: "TEXT", unicode: false, maxLength: 3, nullable: false),
                    TaxAmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    UnitCostCurrency = table.Column<string>(type: "TEXT", unicode: false, maxLength: 3, nullable: false),
                    UnitCostMinor = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quotes_lines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_quotes_lines_quotes_QuoteId",
                        column: x => x.QuoteId,
                        principalTable: "quotes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "products_price_list_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PriceListId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MinQuantity = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitPriceCurrency = table.Column<string>(type: "TEXT", unicode: false, maxLength: 3, nullable: false),
                    UnitPriceMinor = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_products_price_list_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_products_price_list_items_products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_products_price_list_items_products_price_lists_PriceListId",
                        column: x => x.PriceListId,
                        principalTable: "products_price_lists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_orders_CustomerId_OrderDate",
                table: "orders",
                columns: new[] { "CustomerId", "OrderDate" });

            migrationBuilder.CreateIndex(
                name: "IX_orders_live_CreatedAt",
                table: "orders",
                columns: new[] { "CreatedAt", "Id" },
                filter: "\"ArchivedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_orders_Number",
                table: "orders",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_orders_OwnerId_OrderDate",
                table: "orders",
                columns: new[] { "OwnerId", "OrderDate" });

            migrationBuilder.CreateIndex(
                name: "IX_orders_QuoteId",
                table: "orders",
                column: "QuoteId",
                filter: "\"QuoteId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_orders_lines_CustomerId_ProductId_OrderDate",
                table: "orders_lines",
                columns: new[] { "CustomerId", "ProductId", "OrderDate" });

            migrationBuilder.CreateIndex(
                name: "IX_orders_lines_OrderId_LineNo",
                table: "orders_lines",
                columns: new[] { "OrderId", "LineNo" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_orders_lines_ProductId_OrderDate",
                table: "orders_lines",
                columns: new[] { "ProductId", "OrderDate" });

            migrationBuilder.CreateIndex(
                name: "IX_products_CategoryId",
                table: "products",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_products_Sku",
                table: "products",
                column: "Sku",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_products_categories_ParentId",
                table: "products_categories",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_products_price_group_members_PriceGroupId",
                table: "products_price_group_members",
                column: "PriceGroupId");

            migrationBuilder.CreateIndex(
                name: "IX_products_price_groups_Name",
                table: "products_price_groups",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_products_price_list_items_PriceListId_ProductId_MinQuantity",
                table: "products_price_list_items",
                columns: new[] { "PriceListId", "ProductId", "MinQuantity" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_products_price_list_items_ProductId_PriceListId",
                table: "products_price_list_items",
                columns: new[] { "ProductId", "PriceListId" });

            migrationBuilder.CreateIndex(
                name: "IX_products_price_lists_CustomerId",
                table: "products_price_lists",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_products_price_lists_PriceGroupId",
                table: "products_price_lists",
                column: "PriceGroupId");

            migrationBuilder.CreateIndex(
                name: "IX_quotes_CustomerId_Status",
                table: "quotes",
                columns: new[] { "CustomerId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_quotes_live_CreatedAt",
                table: "quotes",
                columns: new[] { "CreatedAt", "Id" },
                filter: "\"ArchivedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_quotes_OpportunityId",
                table: "quotes",
                column: "OpportunityId",
                filter: "\"OpportunityId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_quotes_OwnerId_Status",
                table: "quotes",
                columns: new[] { "OwnerId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_quotes_RootId_Revision",
                table: "quotes",
                columns: new[] { "RootId", "Revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_quotes_lines_QuoteId_LineNo",
                table: "quotes_lines",
                columns: new[] { "QuoteId", "LineNo" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sellthrough_rows_DistributorId_ProductId_Month",
                table: "sellthrough_rows",
                columns: new[] { "DistributorId", "ProductId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sellthrough_rows_Month_DistributorId",
                table: "sellthrough_rows",
                columns: new[] { "Month", "DistributorId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "orders_lines");

            migrationBuilder.DropTable(
                name: "products_price_group_members");

            migrationBuilder.DropTable(
                name: "products_price_list_items");

            migrationBuilder.DropTable(
                name: "quotes_lines");

            migrationBuilder.DropTable(
                name: "sellthrough_rows");

            migrationBuilder.DropTable(
                name: "orders");

            migrationBuilder.DropTable(
                name: "products");

            migrationBuilder.DropTable(
                name: "products_price_lists");

            migrationBuilder.DropTable(
                name: "quotes");

            migrationBuilder.DropTable(
                name: "products_categories");

            migrationBuilder.DropTable(
                name: "products_price_groups");
        }
    }
}
