package collect

import (
	"fmt"
	"strings"
)

// MarkdownTable is the README's permission table: one row per endpoint.
func MarkdownTable() string {
	var b strings.Builder
	b.WriteString("| Dataset | Graph request | Part | Application permission | Delegated permission | Directory role (delegated) | Licence | Why |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|\n")
	code := func(ps []string) string {
		if len(ps) == 0 {
			return "—"
		}
		return "`" + strings.Join(ps, "` and `") + "`"
	}
	for _, e := range Endpoints() {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s | %s | %s |\n", e.Dataset, strings.ReplaceAll(e.Request(), "|", `\|`), e.Part,
			code(e.Least(true)), code(e.Least(false)), Dash(e.Roles), Dash(e.Licence), e.Why)
	}
	return b.String()
}

// Dash stands "—" for an empty cell.
func Dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
