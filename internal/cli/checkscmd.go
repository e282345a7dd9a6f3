package cli

import (
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/m365ready/m365ready/checks"
	"github.com/m365ready/m365ready/internal/audit"
	"github.com/m365ready/m365ready/internal/result"
	"github.com/m365ready/m365ready/internal/schema"
	"github.com/m365ready/m365ready/internal/termtable"
)

// ChecksOptions are the options of `m365ready checks list|explain`.
type ChecksOptions struct {
	Factory *Factory
	ID      string
	Scoring bool
	Format  dataFormat
}

// NewCmdChecks builds `m365ready checks`.
func NewCmdChecks(f *Factory, runF func(*ChecksOptions) error) *cobra.Command {
	cmd := &cobra.Command{Use: "checks", Short: "List the readiness checks and explain them"}
	listOpts := &ChecksOptions{Factory: f}
	list := &cobra.Command{
		Use:   "list",
		Short: "List every check with its ID, category, severity and weight",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			if err := listOpts.Format.validate(); err != nil {
				return err
			}
			if runF != nil {
				return runF(listOpts)
			}
			return checksListRun(listOpts)
		},
	}
	listOpts.Format.register(list.Flags())
	opts := &ChecksOptions{Factory: f}
	explain := &cobra.Command{
		Use:     "explain ID | --scoring",
		Short:   "Explain a check (why it matters, how to fix it, what it reads) or the scoring",
		Example: "  m365ready checks explain IDN-002\n  m365ready checks explain --scoring",
		RunE: func(_ *cobra.Command, args []string) error {
			switch {
			case opts.Scoring && len(args) == 0:
			case !opts.Scoring && len(args) == 1:
				opts.ID = args[0]
			default:
				return usageErrorf("checks explain takes one check ID, or --scoring")
			}
			if runF != nil {
				return runF(opts)
			}
			return checksExplainRun(opts)
		},
	}
	explain.Flags().BoolVar(&opts.Scoring, "scoring", false, "explain how the score, coverage and grade are computed")
	cmd.AddCommand(list, explain)
	return cmd
}

func checksListRun(opts *ChecksOptions) error {
	ios := opts.Factory.IOStreams
	if opts.Format.json() {
		// The same description of each check as the report's checks[].check.
		infos := []result.CheckInfo{}
		for _, c := range checks.Builtin() {
			infos = append(infos, c.Info())
		}
		return writeJSON(ios.Out, infos)
	}
	tb := termtable.New(ios.TerminalWidth(), ios.ColorEnabled(), termtable.Column{Header: "ID"}, termtable.Column{Header: "Category"},
		termtable.Column{Header: "Severity"}, termtable.Column{Header: "Weight", Right: true}, termtable.Column{Header: "Title", Wrap: true})
	for _, c := range checks.Builtin() {
		tb.Row(c.ID, string(c.Category), string(c.Severity), strconv.FormatFloat(c.Weight, 'f', -1, 64), c.Title)
	}
	tb.Render(ios.Out)
	return nil
}

func checksExplainRun(opts *ChecksOptions) error {
	w := opts.Factory.IOStreams.Out
	if opts.Scoring {
		_, err := io.WriteString(w, audit.ScoringHelp())
		return err
	}
	c, ok := checks.ByID(opts.ID)
	if !ok {
		var ids []string
		for _, c := range checks.Builtin() {
			ids = append(ids, c.ID)
		}
		return usageErrorf("unknown check %q: use one of %s", opts.ID, strings.Join(ids, ", "))
	}
	info := c.Info()
	fmt.Fprintf(w, "%s  %s\n", info.ID, info.Title)
	fmt.Fprintf(w, "Category: %s   Severity: %s   Weight: %g", info.Category, info.Severity, info.Weight)
	if info.Severity == result.SeverityCritical {
		fmt.Fprint(w, "\n"+audit.RuleCap)
	}
	fmt.Fprintf(w, "\n\nWhy it matters\n  %s\n\nThresholds\n  %s\n\nHow to fix\n", info.Why, info.Thresholds)
	for _, r := range info.Remediation {
		fmt.Fprintf(w, "  - %s\n", r)
	}
	fmt.Fprintf(w, "\nReads\n  datasets: %s\n  permissions (application): %s\n", strings.Join(info.Datasets, ", "), strings.Join(info.Permissions, ", "))
	if len(info.Licences) > 0 {
		fmt.Fprintf(w, "  licences: %s\n", strings.Join(info.Licences, ", "))
	}
	if len(c.Codes) > 0 {
		fmt.Fprintln(w, "\nFinding codes (stable; in the JSON report's findings[].code)")
		for _, k := range c.Codes {
			attrs := ""
			if len(k.Attrs) > 0 {
				attrs = " [attrs: " + strings.Join(k.Attrs, ", ") + "]"
			}
			fmt.Fprintf(w, "  %-36s %s%s\n", k.Code, k.Meaning, attrs)
		}
	}
	if c.FactsType != nil {
		fmt.Fprintf(w, "\nFacts\n  checks[].facts is a %s object: see reports/schema/report.schema.json\n", schema.DefName(reflect.TypeOf(c.FactsType).Elem()))
	}
	if len(info.Links) > 0 {
		fmt.Fprintln(w, "\nDocumentation")
		for _, l := range info.Links {
			fmt.Fprintf(w, "  %s\n", l)
		}
	}
	return nil
}
