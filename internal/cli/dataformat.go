package cli

import (
	"encoding/json"
	"io"
	"slices"
	"strings"

	"github.com/spf13/pflag"
)

// dataFormat is the -o flag of a command that prints data rather than a
// report: a table for people (the default) or JSON for programs, and for
// some commands a script.
type dataFormat struct {
	value   string
	choices []string
}

func (d *dataFormat) register(fs *pflag.FlagSet, extra ...string) {
	d.choices = append([]string{"table", "json"}, extra...)
	fs.StringVarP(&d.value, "output", "o", "table", "output format: "+strings.Join(d.choices, ", "))
}

// validate is a usage error for a format the command does not print.
func (d *dataFormat) validate() error {
	d.value = strings.ToLower(strings.TrimSpace(d.value))
	if !slices.Contains(d.choices, d.value) {
		return usageErrorf("unknown -o %q: use %s", d.value, strings.Join(d.choices, ", "))
	}
	return nil
}

func (d *dataFormat) json() bool { return d.value == "json" }

// writeJSON writes v as indented JSON, the form every command's -o json takes.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
