package cli

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/m365ready/m365ready/internal/buildinfo"
	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/fleet"
	"github.com/m365ready/m365ready/internal/termtable"
	"github.com/m365ready/m365ready/reports"
)

// tenantPreflight is one tenant's doctor: signed in or why not, and what
// its grant would leave out.
type tenantPreflight struct {
	Alias   string                `json:"alias"`
	Failure *fleetPreflightFailed `json:"failure,omitempty"`
	Doctor  *doctorReport         `json:"doctor,omitempty"`
}

type fleetPreflightFailed struct {
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

// fleetPreflight runs doctor for every tenant at once (at most parallel),
// prints one line per tenant (each tenant's whole doctor report with
// asJSON) and exits 6 when a tenant could not be checked, 3 when one would
// skip checks for want of a permission.
func fleetPreflight(ctx context.Context, f *Factory, entries []fleetEntry, parallel int, asJSON bool) error {
	pf, ok := f.Collector().(collect.Preflighter)
	if !ok {
		return errors.New("this collector cannot run a preflight")
	}
	results := fleet.Each(ctx, len(entries), parallel, func(ctx context.Context, i int, notRun error) tenantPreflight {
		tp := tenantPreflight{Alias: entries[i].alias}
		fail := func(err error) tenantPreflight {
			err = entries[i].locate(err)
			tp.Failure = &fleetPreflightFailed{Kind: fleet.FailureKind(err), Message: err.Error()}
			return tp
		}
		if notRun != nil {
			return fail(notRun)
		}
		co, err := entries[i].auth()
		if err != nil {
			return fail(err)
		}
		co.Logger, co.Tool, co.Now = f.Logger.With("alias", entries[i].alias), buildinfo.String(), f.Now
		access, err := pf.Preflight(ctx, co)
		if err != nil {
			return fail(err)
		}
		rep := newDoctorReport(access)
		tp.Doctor = &rep
		return tp
	})
	if ctx.Err() != nil {
		return ctx.Err()
	}
	w := f.IOStreams.Out
	failed, blocked := 0, 0
	for _, r := range results {
		switch {
		case r.Failure != nil:
			failed++
		case r.Doctor.Blocked > 0:
			blocked++
		}
	}
	defer fmt.Fprintf(f.IOStreams.ErrOut, "%d tenants: %d could not sign in, %d would skip checks for want of a permission\n", len(results), failed, blocked)
	if asJSON {
		if err := writeJSON(w, results); err != nil {
			return err
		}
		return preflightVerdict(failed, blocked, len(results))
	}
	tb := termtable.New(f.IOStreams.TerminalWidth(), f.IOStreams.ColorEnabled(), termtable.Column{Header: "Tenant"},
		termtable.Column{Header: "Signed in"}, termtable.Column{Header: "Checks blocked"}, termtable.Column{Header: "Not licensed"},
		termtable.Column{Header: "What to do", Wrap: true, Share: 2})
	for _, r := range results {
		if r.Failure != nil {
			tb.Row(reports.TerminalSafe(r.Alias), "no ("+r.Failure.Kind+")", "-", "-", reports.TerminalSafe(r.Failure.Message))
			continue
		}
		d := r.Doctor
		todo := "-"
		if d.Blocked > 0 {
			todo = "grant the missing permissions (m365ready permissions), then consent again (m365ready consent-url)"
		}
		tb.Row(reports.TerminalSafe(r.Alias), "yes", strconv.Itoa(d.Blocked), strconv.Itoa(d.NotLicensed), todo)
	}
	tb.Render(w)
	return preflightVerdict(failed, blocked, len(results))
}

// preflightVerdict is the exit: 6 when a tenant could not be checked, 3
// when one would skip checks for want of a permission.
func preflightVerdict(failed, blocked, total int) error {
	switch {
	case failed > 0:
		return &FleetPartialError{Failed: failed, Total: total, Preflight: true}
	case blocked > 0:
		return &ThresholdError{Reason: fmt.Sprintf("%d tenants would skip checks for want of a permission", blocked)}
	}
	return nil
}
