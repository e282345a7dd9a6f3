// Package termtable lays out the terminal's tables and prose so they fit the
// terminal's width: columns that may wrap share what the fixed ones leave,
// words move to the next line and are never cut unless one word is wider
// than its whole column. Every command that prints a table uses it, so
// `audit`, `checks list`, `permissions` and `doctor` read alike at 80
// columns and at 200.
package termtable

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"
)

// Column describes one column.
type Column struct {
	Header string
	Right  bool // right-aligned (numbers)
	// Wrap lets the column's text wrap to fit the width; the others keep
	// their natural width.
	Wrap bool
	// Max is the wrapping column's width when the width is not known (output
	// to a file or a pipe), so that such output is stable; 0 means no limit.
	Max int
	// Share weighs a wrapping column's claim on the room left (default 1):
	// a summary with Share 2 gets twice a title's width when both wrap.
	Share int
	// Min is the narrowest the column may wrap to (default 10). When the
	// columns do not fit at their minimums, the table is printed as one
	// block per row instead.
	Min int
}

func (c Column) share() int { return max(1, c.Share) }

func (c Column) min() int {
	if c.Min > 0 {
		return c.Min
	}
	return minWrap
}

// minWrap is the narrowest a wrapping column becomes; below it, the table
// is wider than the terminal rather than unreadable.
const minWrap = 10

// Table is a table to lay out.
type Table struct {
	Title string
	cols  []Column
	rows  [][]string
	width int
	color bool
}

// New starts a table for a terminal of width columns (0: not a terminal)
// and colour or not (which only picks the border style).
func New(width int, color bool, cols ...Column) *Table {
	return &Table{cols: cols, width: width, color: color}
}

// Row appends a row; cells beyond the columns are dropped.
func (t *Table) Row(cells ...string) {
	row := make([]string, len(t.cols))
	copy(row, cells)
	t.rows = append(t.rows, row)
}

// Render writes the table, or, on a terminal too narrow for its columns, one
// block per row.
func (t *Table) Render(w io.Writer) {
	natural := t.natural()
	if t.width > 0 && !t.fits(natural) {
		t.renderBlocks(w)
		return
	}
	widths := t.layout(natural)
	tw := table.NewWriter()
	tw.SetOutputMirror(w)
	tw.SetStyle(table.StyleDefault)
	if t.color {
		tw.SetStyle(table.StyleLight)
	}
	if t.Title != "" {
		tw.SetTitle(t.Title)
	}
	header := make(table.Row, len(t.cols))
	var configs []table.ColumnConfig
	for i, c := range t.cols {
		header[i] = c.Header
		cfg := table.ColumnConfig{Number: i + 1}
		if c.Right {
			cfg.Align, cfg.AlignHeader = text.AlignRight, text.AlignRight
		}
		configs = append(configs, cfg)
	}
	tw.AppendHeader(header)
	tw.SetColumnConfigs(configs)
	for _, r := range t.rows {
		row := make(table.Row, len(r))
		for i, cell := range r {
			if t.cols[i].Wrap && widths[i] > 0 {
				cell = Wrap(cell, widths[i])
			}
			row[i] = cell
		}
		tw.AppendRow(row)
	}
	tw.Render()
}

// Overhead is what borders and padding add to the columns' widths: "| "
// before each column, " " after it and the closing "|".
func Overhead(columns int) int { return 3*columns + 1 }

// layout returns each wrapping column's width (0: no wrapping). With a known
// width, the wrapping columns share what the others leave by their Share,
// the smallest needs first (so a short column is not wrapped to make room it
// does not use, and what it leaves goes to the others); without one, each
// wraps at its Max.
func (t *Table) layout(natural []int) []int {
	widths := make([]int, len(t.cols))
	if t.width <= 0 {
		for i, c := range t.cols {
			if c.Wrap && c.Max > 0 && natural[i] > c.Max {
				widths[i] = c.Max
			}
		}
		return widths
	}
	left := t.width - Overhead(len(t.cols))
	var wrapping []int
	for i, c := range t.cols {
		if c.Wrap {
			wrapping = append(wrapping, i)
		} else {
			left -= natural[i]
		}
	}
	// Each wrapping column first gets its minimum; what is left goes by
	// share, the smallest wants (per share) first: a/sa < b/sb without
	// division.
	want := make([]int, len(t.cols))
	shares := 0
	for _, i := range wrapping {
		widths[i] = min(natural[i], t.cols[i].min())
		want[i] = natural[i] - widths[i]
		left -= widths[i]
		shares += t.cols[i].share()
	}
	slices.SortStableFunc(wrapping, func(a, b int) int {
		return want[a]*t.cols[b].share() - want[b]*t.cols[a].share()
	})
	for _, i := range wrapping {
		extra := min(want[i], max(0, left)*t.cols[i].share()/shares)
		widths[i] += extra
		left -= extra
		shares -= t.cols[i].share()
	}
	return widths
}

// natural is each column's width unwrapped.
func (t *Table) natural() []int {
	natural := make([]int, len(t.cols))
	for i, c := range t.cols {
		natural[i] = Width(c.Header)
		for _, r := range t.rows {
			natural[i] = max(natural[i], Width(r[i]))
		}
	}
	return natural
}

// fits reports whether the columns fit the width with the wrapping ones at
// their minimum.
func (t *Table) fits(natural []int) bool {
	need := Overhead(len(t.cols))
	for i, c := range t.cols {
		if c.Wrap {
			need += min(natural[i], c.min())
		} else {
			need += natural[i]
		}
	}
	return need <= t.width
}

// renderBlocks prints each row as its first cell, then each other column
// as a labelled line wrapped to the width, and a blank line between rows.
func (t *Table) renderBlocks(w io.Writer) {
	label := 0
	for _, c := range t.cols[1:] {
		label = max(label, Width(c.Header)+1)
	}
	if t.Title != "" {
		fmt.Fprintf(w, "%s\n\n", t.Title)
	}
	for n, r := range t.rows {
		if n > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w, Indent("", r[0], t.width))
		for i, c := range t.cols[1:] {
			prefix := "  " + c.Header + ":" + strings.Repeat(" ", label-Width(c.Header))
			fmt.Fprintln(w, Indent(prefix, r[i+1], t.width))
		}
	}
}

// Width is the widest line of s in terminal columns, colour codes aside.
func Width(s string) int { return text.LongestLineLen(s) }

// Wrap wraps s at width columns between words (a word wider than the width
// is split), keeping the line breaks already in it; 0 leaves it as it is.
func Wrap(s string, width int) string {
	if width <= 0 {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		var out []string
		for _, wl := range strings.Split(text.WrapSoft(l, width), "\n") {
			out = append(out, strings.TrimRight(wl, " "))
		}
		lines[i] = strings.Join(out, "\n")
	}
	return strings.Join(lines, "\n")
}

// Indent wraps s to fit width with its first line after prefix and the rest
// under the first line's text: a list item or a labelled line. Without a
// width, s stays on one line.
func Indent(prefix, s string, width int) string {
	pad := Width(prefix)
	if width <= 0 || width-pad < minWrap {
		return prefix + s
	}
	wrapped := strings.Split(Wrap(s, width-pad), "\n")
	for i := 1; i < len(wrapped); i++ {
		wrapped[i] = strings.Repeat(" ", pad) + wrapped[i]
	}
	return prefix + strings.Join(wrapped, "\n")
}
