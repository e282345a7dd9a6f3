package reports

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// markdownTenantText is what tenant text may be: the hostile strings, and
// every Markdown construct a display name could try to start.
var markdownTenantText = append(append([]string{}, hostile...),
	"Alder & Finch", "R&D &amp; &#60;Ops&#62;", "https://alderfinch.sharepoint.com/sites/Projects", "www.example.com",
	"ruth_bellco.example#EXT#@alderfinch.onmicrosoft.com", "*bold* _em_ **strong** ~~gone~~", "`code` ``x``",
	"[click](https://evil.example) ![img](https://evil.example/x.png) [ref]: https://evil.example",
	"<img src=x onerror=alert(1)> <https://evil.example>", "a | b | c", "# Heading", "> quote", "- item", "+ item",
	"1. first", "12) twelfth", "=== rule", "line one\nline two", `back\slash \* \_`, "trailing backslash \\")

// TestMarkdownEscapesOnlyWhatItMust renders tenant text through a
// CommonMark library with GitHub's extensions (tables, autolinks,
// strikethrough), in a table cell and in a list item: it must read as
// itself, start no formatting, HTML, image or hidden link, keep the table's
// shape, and carry no HTML entities or broken-up URLs in the source.
func TestMarkdownEscapesOnlyWhatItMust(t *testing.T) {
	gm := goldmark.New(goldmark.WithExtensions(extension.GFM))
	for _, s := range markdownTenantText {
		want := strings.Join(strings.Fields(strings.ReplaceAll(terminalSafe(s), "\r", " ")), " ")
		escaped := md(s)
		if (strings.Contains(escaped, "&amp;") && !strings.Contains(s, "&amp;")) || strings.Contains(escaped, `:\/\/`) || strings.Contains(escaped, "&lt;") {
			t.Errorf("%q escapes more than Markdown needs: %q", s, escaped)
		}
		for _, doc := range []string{"| a | b |\n|---|---|\n| x | " + escaped + " |\n", "- " + escaped + "\n"} {
			src := []byte(doc)
			root := gm.Parser().Parse(text.NewReader(src))
			var container ast.Node
			ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				if !entering {
					return ast.WalkContinue, nil
				}
				switch n.(type) {
				case *east.TableCell:
					container = n // the last cell: the tenant text's
				case *ast.ListItem:
					container = n
				}
				return ast.WalkContinue, nil
			})
			if container == nil {
				t.Errorf("%q broke the document's shape:\n%s", s, doc)
				continue
			}
			if cells := countKind(root, east.KindTableCell); strings.HasPrefix(doc, "|") && cells != 4 {
				t.Errorf("%q: the table has %d cells, not 4", s, cells)
			}
			var got strings.Builder
			ast.Walk(container, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				if !entering {
					return ast.WalkContinue, nil
				}
				switch v := n.(type) {
				case *ast.Text:
					got.WriteString(shown(v.Segment.Value(src)))
					if v.SoftLineBreak() {
						got.WriteString(" ")
					}
				case *ast.String:
					got.Write(v.Value)
				case *ast.AutoLink:
					got.Write(v.Label(src))
					// The target is the text shown: nothing hidden.
					if string(v.URL(src)) != string(v.Label(src)) && "http://"+string(v.Label(src)) != string(v.URL(src)) {
						t.Errorf("%q: autolink to %s shown as %s", s, v.URL(src), v.Label(src))
					}
				case *ast.Paragraph, *ast.TextBlock, *east.TableCell, *ast.ListItem:
				default:
					t.Errorf("%q became a %s in %q", s, n.Kind(), doc)
				}
				return ast.WalkContinue, nil
			})
			if strings.TrimSpace(got.String()) != want {
				t.Errorf("%q reads as %q", want, got.String())
			}
		}
	}
}

// shown is raw Markdown text as a CommonMark renderer shows it: a backslash
// before punctuation drops, and an entity is decoded unless escaped.
func shown(raw []byte) string {
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c == '\\' && i+1 < len(raw) && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", raw[i+1]) >= 0 {
			b.WriteByte(raw[i+1])
			i++
			continue
		}
		if c == '&' {
			if m := entity.Find(raw[i:]); m != nil {
				b.WriteString(html.UnescapeString(string(m)))
				i += len(m) - 1
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

var entity = regexp.MustCompile(`^&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});`)

func countKind(root ast.Node, k ast.NodeKind) int {
	n := 0
	ast.Walk(root, func(x ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && x.Kind() == k {
			n++
		}
		return ast.WalkContinue, nil
	})
	return n
}

// TestMarkdownReportRenders: the hostile demo report's Markdown renders as
// CommonMark with no raw HTML and no link whose target differs from its text.
func TestMarkdownReportRenders(t *testing.T) {
	out := render(t, "markdown", Options{}, hostileReport(t))
	var html bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert(out, &html); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<script", "<img", "onerror", "<!-- raw HTML omitted -->"} {
		if strings.Contains(html.String(), bad) {
			t.Errorf("the rendered Markdown contains %q", bad)
		}
	}
}
