using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace ServerlessBilling.Pdf;

public sealed partial class InvoicePdfRenderer
{
    /// <summary>Writes top to bottom, starting a new page when the current one is full; <see cref="Finish"/> stamps every page
    /// with the running header and "Page X of Y", which can only be known once the last page exists.</summary>
    private sealed class PageWriter : IDisposable
    {
        private readonly PdfDocument document;
        private readonly XColor accent;
        private readonly PaperSize paper;
        private readonly XFont regular = new(BundledFontResolver.Family, 10);
        private readonly XFont bold = new(BundledFontResolver.Family, 10, XFontStyleEx.Bold);
        private readonly XFont small = new(BundledFontResolver.Family, 8);
        private readonly XFont title = new(BundledFontResolver.Family, 18, XFontStyleEx.Bold);
        private XGraphics graphics = null!;
        private double y;

        public PageWriter(PdfDocument document, XColor accent, PaperSize paper = PaperSize.A4)
        {
            this.document = document;
            this.accent = accent;
            this.paper = paper;
            NewPage();
        }

        /// <summary>Where amounts end: the right margin of the page size.</summary>
        private double Right => graphics.PageSize.Width - Margin;

        /// <summary>The logo at the top right, at most 60 pt high and 160 pt wide, keeping its proportions.</summary>
        public void Logo(byte[] png)
        {
            using var stream = new MemoryStream(png, writable: false);
            using var image = XImage.FromStream(stream);
            var scale = Math.Min(60 / image.PointHeight, 160 / image.PointWidth);
            var (width, height) = (image.PointWidth * scale, image.PointHeight * scale);
            graphics.DrawImage(image, Right - width, Margin - 15, width, height);
        }

        public void Title(string text) => Draw(text, title, new XSolidBrush(accent), Margin, 26);

        /// <summary>A line of text, wrapped at spaces onto further lines where it would run past the amounts' right edge.</summary>
        public void Text(string text, bool bold = false)
        {
            var font = bold ? this.bold : regular;
            foreach (var line in Wrapped(text, font, Right - Margin))
            {
                Draw(line, font, XBrushes.Black, Margin, 15);
            }
        }

        /// <summary>Two blocks side by side (bill-to on the left, the invoice's facts on the right), as long as the longer one.</summary>
        public void Columns(IReadOnlyList<string> left, IReadOnlyList<string> right)
        {
            var rows = Math.Max(left.Count, right.Count);
            for (var i = 0; i < rows; i++)
            {
                EnsureRoom(14);
                if (i < left.Count)
                {
                    graphics.DrawString(left[i], i == 0 ? bold : regular, XBrushes.Black, Margin, y);
                }

                if (i < right.Count)
                {
                    graphics.DrawString(right[i], i == 0 ? bold : regular, XBrushes.Black, 330, y);
                }

                y += 14;
            }
        }

        public void Heading(string text)
        {
            Space();
            Draw(text, bold, new XSolidBrush(accent), Margin, 16);
        }

        public void Row(string description, string detail, string amount, bool bold = false, bool grey = false)
        {
            EnsureRoom(15);
            var font = bold ? this.bold : regular;
            var brush = grey ? XBrushes.DimGray : XBrushes.Black;
            graphics.DrawString(description, font, brush, Margin, y);
            graphics.DrawString(detail, grey ? font : regular, XBrushes.DimGray, 330, y);
            var width = graphics.MeasureString(amount, font).Width;
            graphics.DrawString(amount, font, brush, Right - width, y);
            y += 15;
        }

        /// <summary>A row of cells at the given columns: each column's left edge as a share of the width between the margins;
        /// cells of columns marked right-aligned end at the next column's edge (the last at the right margin).</summary>
        public void Cells(IReadOnlyList<TableColumn> columns, IReadOnlyList<string> cells, bool bold = false, bool grey = false)
        {
            EnsureRoom(14);
            var font = bold ? this.bold : regular;
            var brush = grey ? XBrushes.DimGray : XBrushes.Black;
            var width = Right - Margin;
            for (var i = 0; i < cells.Count; i++)
            {
                var left = Margin + (columns[i].Start * width);
                var x = columns[i].RightAligned
                    ? (i + 1 < columns.Count ? Margin + (columns[i + 1].Start * width) - 8 : Right) - graphics.MeasureString(cells[i], font).Width
                    : left;
                graphics.DrawString(cells[i], font, brush, x, y);
            }

            y += 14;
        }

        /// <summary>Drawn at the top of every page begun from now on (a table's column headers); null for none.</summary>
        public Action? OnNewPage { get; set; }

        /// <summary>How many pages the document has so far.</summary>
        public int PageCount => document.PageCount;

        /// <summary>Whether <paramref name="needed"/> points still fit on the current page.</summary>
        public bool HasRoom(double needed) => y + needed <= graphics.PageSize.Height - Margin;

        /// <summary>Starts a new page unless the current one is still empty.</summary>
        public void Break()
        {
            if (y > Margin + 10)
            {
                NewPage();
            }
        }

        public void Rule()
        {
            EnsureRoom(10);
            graphics.DrawLine(new XPen(accent, 0.8), Margin, y - 8, Right, y - 8);
            y += 4;
        }

        public void Space() => y += 10;

        /// <summary>Stamps every page: the running header at the top, "Page X of Y" at the foot.</summary>
        public void Finish(string runningHeader)
        {
            graphics.Dispose();
            var count = document.PageCount;
            for (var i = 0; i < count; i++)
            {
                var page = document.Pages[i];
                using var stamp = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
                stamp.DrawString(runningHeader, small, XBrushes.DimGray, Margin, 28);
                var footer = $"Page {i + 1} of {count}";
                var width = stamp.MeasureString(footer, small).Width;
                stamp.DrawString(footer, small, XBrushes.DimGray, stamp.PageSize.Width - Margin - width, stamp.PageSize.Height - 25);
            }
        }

        public void Dispose() => graphics.Dispose();

        private IEnumerable<string> Wrapped(string text, XFont font, double width)
        {
            var line = "";
            foreach (var word in text.Split(' '))
            {
                var longer = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && graphics.MeasureString(longer, font).Width > width)
                {
                    yield return line;
                    line = word;
                }
                else
                {
                    line = longer;
                }
            }

            yield return line;
        }

        private void Draw(string text, XFont font, XBrush brush, double x, double advance)
        {
            EnsureRoom(advance);
            graphics.DrawString(text, font, brush, x, y);
            y += advance;
        }

        private void EnsureRoom(double needed)
        {
            if (y + needed > graphics.PageSize.Height - Margin)
            {
                NewPage();
            }
        }

        private void NewPage()
        {
            graphics?.Dispose();
            var page = document.AddPage();
            page.Size = paper == PaperSize.Letter ? PdfSharp.PageSize.Letter : PdfSharp.PageSize.A4;
            graphics = XGraphics.FromPdfPage(page);
            y = Margin + 10;
            OnNewPage?.Invoke();
        }
    }
}
