using System.Globalization;
using System.Reflection;
using Keqing.Infrastructure.Web;
using Keqing.Modules.Quotes.Domain;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using MoneyValue = Keqing.Infrastructure.Money.Money;

namespace Keqing.Modules.Quotes.Features;

/// <summary>
/// The quote as an A4 PDF in Chinese (PDFsharp): the letterhead, 报价单 with number, revision, date and validity, the
/// customer and contact, the lines in a table that continues on the next page under a repeated header, the totals with
/// the grand total in capitals, notes and terms, and "第 n 页 / 共 m 页" on every page. Text is in WenQuanYi Micro Hei,
/// embedded (the glyphs used) with a Unicode map, so the PDF shows Chinese anywhere and its text can be copied.
/// </summary>
public static class QuotePdf
{
    private const double PageWidth = 595.28, PageHeight = 841.89, Margin = 40, Bottom = PageHeight - Margin - 24;
    private const double CellPadding = 3;
    private static readonly ChineseTexts L = new();
    private static readonly Lock FontSetup = new();
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
    private static readonly XFont Small = Font(8), Body = Font(9), BodyBold = Font(9, bold: true), Company = Font(14, bold: true), Title = Font(20, bold: true);
    private static readonly XPen Rule = new(XColor.FromArgb(160, 160, 160), 0.5);
    private static readonly XBrush HeaderShade = new XSolidBrush(XColor.FromArgb(235, 235, 235));

    /// <summary>The table's columns: header key, width in points, right-aligned.</summary>
    private static readonly (string Header, double Width, bool Right)[] Columns =
    [
        ("No.", 22, false), ("SKU", 62, false), ("Product", 104, false), ("Specification", 68, false), ("Unit", 30, false),
        ("Quantity", 38, true), ("Unit price", 60, true), ("Discount", 35, true), ("Amount", 66, true), ("VAT rate", 30, true),
    ];

    public static byte[] Render(PrintableQuote printout)
    {
        using var document = new PdfDocument();
        document.Info.Title = $"{L["Quotation"]} {printout.NumberWithRevision}";
        document.Info.Subject = printout.CustomerName;
        document.Info.Author = printout.Letterhead.CompanyNameZh;
        using var logo = printout.Letterhead.LogoPng is { } png ? new MemoryStream(png, writable: false) : null;
        var writer = new Writer(document, logo);
        writer.Letterhead(printout.Letterhead);
        writer.Heading(printout);
        writer.Table(printout.Lines);
        writer.Totals(printout);
        writer.Paragraph(L["Notes"], printout.Quote.Notes);
        writer.Paragraph(L["Terms"], printout.Letterhead.FooterTerms);
        writer.Finish();
        writer.NumberPages(printout.Letterhead.CompanyNameZh);
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// <summary>Whether PDFsharp can draw these bytes as an image (a letterhead logo is checked when it is saved).</summary>
    public static bool CanDraw(byte[] image)
    {
        try
        {
            using var stream = new MemoryStream(image, writable: false);
            using var x = XImage.FromStream(stream);
            return x.PixelWidth is > 0 and <= 4000 && x.PixelHeight is > 0 and <= 4000;
        }
#pragma warning disable CA1031 // any failure to read the image means the same: not a logo the PDF can show
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    public static string Money(MoneyValue money) => money.Amount.ToString("N2", CultureInfo.InvariantCulture);

    public static string Percent(decimal percent) => percent == 0 ? "" : percent.ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>The texts of one line as the table prints them, in <see cref="Columns"/> order.</summary>
    public static string[] Cells(QuoteLine line) =>
    [
        line.LineNo.ToString(CultureInfo.InvariantCulture), line.Sku, line.ProductName, line.Specification ?? "", line.Unit,
        line.Quantity.ToString(CultureInfo.InvariantCulture), Money(line.ListUnitPrice), Percent(line.DiscountPercent),
        Money(line.NetAmount), line.VatRatePercent.ToString("0.##", CultureInfo.InvariantCulture) + "%",
    ];

    private static XFont Font(double size, bool bold = false)
    {
        EnsureFontResolver();
        return new XFont(QuoteFontResolver.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);
    }

    private static void EnsureFontResolver()
    {
        lock (FontSetup)
        {
            if (GlobalFontSettings.FontResolver is not QuoteFontResolver) GlobalFontSettings.FontResolver = new QuoteFontResolver();
        }
    }

    /// <summary>Draws from top to bottom, opening a new page (with the table header again) when the next block does not fit.</summary>
    private sealed class Writer(PdfDocument document, Stream? logo)
    {
        private XGraphics? graphics;
        private double y;

        private XGraphics G => graphics ?? throw new InvalidOperationException("No page is open.");

        public void Letterhead(QuoteLetterhead letterhead)
        {
            NewPage();
            var left = Margin;
            if (logo is not null)
            {
                using var image = XImage.FromStream(logo);
                var scale = Math.Min(56 / image.PointWidth, 56 / image.PointHeight);
                G.DrawImage(image, Margin, y, image.PointWidth * scale, image.PointHeight * scale);
                left += image.PointWidth * scale + 10;
            }
            var top = y;
            var width = PageWidth - Margin - left;
            y = Text(letterhead.CompanyNameZh, Company, left, top, width);
            if (letterhead.CompanyNameEn is { } en) y = Text(en, Body, left, y, width);
            var contact = Join("    ", Labelled("Address", letterhead.Address), Labelled("Phone", letterhead.Phone));
            if (contact.Length > 0) y = Text(contact, Small, left, y, width);
            var bank = Join("    ", Labelled("Tax id", letterhead.TaxId), Labelled("Bank", letterhead.BankName), Labelled("Account", letterhead.BankAccount));
            if (bank.Length > 0) y = Text(bank, Small, left, y, width);
            y = Math.Max(y, top + (logo is null ? 0 : 58)) + 4;
            G.DrawLine(XPens.Black, Margin, y, PageWidth - Margin, y);
            y += 10;
        }

        public void Heading(PrintableQuote p)
        {
            G.DrawString(L["Quotation"], Title, XBrushes.Black, new XRect(Margin, y, PageWidth - 2 * Margin, 26), XStringFormats.TopCenter);
            y += 32;
            var half = (PageWidth - 2 * Margin) / 2;
            var rows = new[]
            {
                (L["Quote no."], p.NumberWithRevision, L["Date"], Date(p.Quote.PriceDate)),
                (L["Customer"], p.CustomerName, L["Valid until"], Date(p.Quote.ValidUntil)),
                (L["Contact"], p.ContactName ?? "", L["Currency"], p.Quote.Currency),
            };
            foreach (var (leftLabel, leftValue, rightLabel, rightValue) in rows)
            {
                var next = Text($"{leftLabel}：{leftValue}", Body, Margin, y, half - 10);
                y = Math.Max(next, Text($"{rightLabel}：{rightValue}", Body, Margin + half, y, half));
                y += 2;
            }
            if (p.Quote.Title.Length > 0) y = Text(p.Quote.Title, BodyBold, Margin, y, PageWidth - 2 * Margin) + 2;
            y += 6;
        }

        public void Table(IReadOnlyList<QuoteLine> lines)
        {
            TableHeader();
            foreach (var line in lines)
            {
                var cells = Cells(line);
                var wrapped = cells.Select((c, i) => Wrap(c, Body, Columns[i].Width - 2 * CellPadding)).ToList();
                var height = wrapped.Max(w => w.Count) * Body.GetHeight() + 2 * CellPadding;
                if (y + height > Bottom)
                {
                    NewPage();
                    TableHeader();
                }
                Row(wrapped, Body, height);
            }
            y += 8;
        }

        public void Totals(PrintableQuote p)
        {
            var q = p.Quote;
            var rows = new List<(string Label, string Value)> { (L["Subtotal"], Money(q.Subtotal)) };
            if (!q.DiscountTotal.IsZero) rows.Add((L["Discounts"], "-" + Money(q.DiscountTotal)));
            rows.Add((L["Net total (excl. VAT)"], Money(q.NetTotal)));
            rows.Add((L["VAT"], Money(q.TaxTotal)));
            rows.Add((L["Grand total (incl. VAT)"], Money(q.GrandTotal)));
            Fit(rows.Count * (Body.GetHeight() + 3) + 2 * Body.GetHeight() + 8);
            var labelLeft = PageWidth - Margin - 230;
            foreach (var (label, value) in rows)
            {
                var font = label == L["Grand total (incl. VAT)"] ? BodyBold : Body;
                G.DrawString(label, font, XBrushes.Black, new XRect(labelLeft, y, 130, font.GetHeight()), XStringFormats.TopLeft);
                G.DrawString(value, font, XBrushes.Black, new XRect(labelLeft + 130, y, 100, font.GetHeight()), XStringFormats.TopRight);
                y += Body.GetHeight() + 3;
            }
            if (p.GrandTotalInWords is { } words)
                y = Text($"{L["In words"]}：{words}", BodyBold, Margin, y + 2, PageWidth - 2 * Margin);
            y = Text(q.TaxInclusive ? L["Unit prices include VAT."] : L["Unit prices exclude VAT."], Small, Margin, y + 2, PageWidth - 2 * Margin) + 10;
        }

        public void Paragraph(string heading, string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return;
            Fit(2 * Body.GetHeight());
            y = Text(heading, BodyBold, Margin, y, PageWidth - 2 * Margin) + 2;
            foreach (var line in Wrap(text, Body, PageWidth - 2 * Margin))
            {
                Fit(Body.GetHeight());
                G.DrawString(line, Body, XBrushes.Black, new XRect(Margin, y, PageWidth - 2 * Margin, Body.GetHeight()), XStringFormats.TopLeft);
                y += Body.GetHeight();
            }
            y += 8;
        }

        public void Finish() => graphics?.Dispose();

        public void NumberPages(string company)
        {
            for (var i = 0; i < document.PageCount; i++)
            {
                using var g = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
                var footer = new XRect(Margin, PageHeight - Margin - 10, PageWidth - 2 * Margin, Small.GetHeight());
                g.DrawLine(Rule, Margin, footer.Top - 4, PageWidth - Margin, footer.Top - 4);
                g.DrawString(company, Small, XBrushes.Gray, footer, XStringFormats.TopLeft);
                g.DrawString(string.Format(CultureInfo.InvariantCulture, L["Page {0} of {1}"], i + 1, document.PageCount), Small, XBrushes.Gray, footer, XStringFormats.TopRight);
            }
        }

        private void NewPage()
        {
            graphics?.Dispose();
            var page = document.AddPage();
            page.Size = PageSize.A4;
            graphics = XGraphics.FromPdfPage(page);
            y = Margin;
        }

        /// <summary>Starts a new page unless <paramref name="height"/> more points fit on this one.</summary>
        private void Fit(double height)
        {
            if (y + height > Bottom) NewPage();
        }

        private void TableHeader()
        {
            var headers = Columns.Select(c => Wrap(L[c.Header], BodyBold, c.Width - 2 * CellPadding)).ToList();
            var height = headers.Max(h => h.Count) * BodyBold.GetHeight() + 2 * CellPadding;
            G.DrawRectangle(HeaderShade, new XRect(Margin, y, Columns.Sum(c => c.Width), height));
            Row(headers, BodyBold, height);
        }

        private void Row(IReadOnlyList<IReadOnlyList<string>> cells, XFont font, double height)
        {
            var x = Margin;
            for (var i = 0; i < Columns.Length; i++)
            {
                var (_, width, right) = Columns[i];
                var lineY = y + CellPadding;
                foreach (var line in cells[i])
                {
                    G.DrawString(line, font, XBrushes.Black, new XRect(x + CellPadding, lineY, width - 2 * CellPadding, font.GetHeight()),
                        right ? XStringFormats.TopRight : XStringFormats.TopLeft);
                    lineY += font.GetHeight();
                }
                x += width;
            }
            y += height;
            G.DrawLine(Rule, Margin, y, x, y);
        }

        /// <summary>Draws wrapped text from <paramref name="top"/> and returns where the next line starts.</summary>
        private double Text(string text, XFont font, double left, double top, double width)
        {
            foreach (var line in Wrap(text, font, width))
            {
                G.DrawString(line, font, XBrushes.Black, new XRect(left, top, width, font.GetHeight()), XStringFormats.TopLeft);
                top += font.GetHeight();
            }
            return top;
        }

        /// <summary>
        /// Breaks text into lines no wider than <paramref name="width"/>: at line breaks, and else after the last
        /// character that fits (Chinese has no spaces to break at; a Latin word too long for the cell is cut as well).
        /// </summary>
        private List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
            {
                var start = 0;
                while (start < paragraph.Length)
                {
                    var end = start + 1;
                    while (end < paragraph.Length && G.MeasureString(paragraph[start..(end + 1)], font).Width <= width) end++;
                    lines.Add(paragraph[start..end]);
                    start = end;
                }
                if (paragraph.Length == 0) lines.Add("");
            }
            return lines;
        }

        private static string Labelled(string label, string? value) => string.IsNullOrWhiteSpace(value) ? "" : $"{L[label]}：{value}";

        private static string Join(string separator, params string[] parts) => string.Join(separator, parts.Where(p => p.Length > 0));

        private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The module's texts in Chinese, whatever the caller's language: the printed quote goes to a Chinese customer. The
    /// module's own resource first: another module may word the same English key differently ("Product": 产品 / 产品名称).
    /// </summary>
    private sealed class ChineseTexts
    {
        private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
        private static readonly System.Resources.ResourceManager Own = new(typeof(Resources.QuotesResource));

        public string this[string key] => Own.GetString(key, Chinese) ?? TextResources.Find(key, Chinese);
    }
}

/// <summary>Gives PDFsharp the embedded WenQuanYi Micro Hei for every family, style and weight (bold is simulated).</summary>
internal sealed class QuoteFontResolver : IFontResolver
{
    public const string Family = "WenQuanYi Micro Hei";
    private const string Face = "wqy-microhei";
    private static readonly Lazy<byte[]> Bytes = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Keqing.wqy-microhei.ttf")
                           ?? throw new InvalidOperationException("The quote font Keqing.wqy-microhei.ttf is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => new(Face, bold, italic);

    public byte[] GetFont(string faceName) => Bytes.Value;
}
