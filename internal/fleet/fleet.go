// Package fleet audits many tenants at once and ranks them in a portfolio.
// Each tenant runs the same pipeline as `audit`, with its own credential,
// throttling and budget; one tenant failing never stops the others.
package fleet

import (
	"context"
	"errors"
	"sync"

	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/pipeline"
)

// Tenant is one tenant to audit: who it is, and how to run its audit.
type Tenant struct {
	Alias string
	Tags  []string
	// Audit runs the tenant's pipeline; an error means it was not audited.
	Audit func(ctx context.Context) (*pipeline.Result, error)
}

// Outcome is one tenant's run.
type Outcome struct {
	Tenant Tenant
	Result *pipeline.Result
	Err    error
	// FromStore: the tenant was already recorded in this fleet run, and
	// Result was read back from the store rather than audited again.
	FromStore bool
}

// ErrFromStore is what a tenant's Audit returns, with its stored result,
// when the fleet run already recorded it.
var ErrFromStore = errors.New("already recorded in this fleet run")

// Run audits every tenant, at most parallel at a time, and returns their
// outcomes in the tenants' order. A tenant's failure is its outcome; only
// ctx ending stops the rest (those not started are reported interrupted).
func Run(ctx context.Context, tenants []Tenant, parallel int) []Outcome {
	return Each(ctx, len(tenants), parallel, func(ctx context.Context, i int, err error) Outcome {
		o := Outcome{Tenant: tenants[i], Err: err}
		if err == nil {
			o.Result, o.Err = tenants[i].Audit(ctx)
			if errors.Is(o.Err, ErrFromStore) && o.Result != nil {
				o.Err, o.FromStore = nil, true
			}
			if o.Err == nil {
				o.Result = forPortfolio(o.Result)
			}
		}
		return o
	})
}

// Each calls fn for 0..n-1, at most parallel at a time, and returns the
// results in order. fn is given ctx's error instead of running when ctx
// ended before its turn; a panic in fn is that item's PanicError.
func Each[T any](ctx context.Context, n, parallel int, fn func(ctx context.Context, i int, notRun error) T) []T {
	out := make([]T, n)
	sem := make(chan struct{}, max(1, parallel))
	var wg sync.WaitGroup
	for i := range n {
		if ctx.Err() != nil { // a free slot must not start anything after the end
			out[i] = fn(ctx, i, ctx.Err())
			continue
		}
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			out[i] = fn(ctx, i, ctx.Err())
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			defer func() {
				if r := recover(); r != nil { // a bug in one item is that item's failure
					out[i] = fn(ctx, i, &PanicError{Value: r})
				}
			}()
			out[i] = fn(ctx, i, nil)
		}()
	}
	wg.Wait()
	return out
}

// PanicError is a tenant's run that panicked.
type PanicError struct{ Value any }

func (e *PanicError) Error() string {
	return "internal error while auditing this tenant (please report it)"
}

// CredentialError is a tenant whose certificate or secret could not be read.
type CredentialError struct{ Err error }

func (e *CredentialError) Error() string { return e.Err.Error() }
func (e *CredentialError) Unwrap() error { return e.Err }

// ConfigError is a tenant whose own configuration file is invalid.
type ConfigError struct{ Err error }

func (e *ConfigError) Error() string { return e.Err.Error() }
func (e *ConfigError) Unwrap() error { return e.Err }

// StoreError is a tenant audited but not recorded in the history store.
type StoreError struct{ Err error }

func (e *StoreError) Error() string { return "audited, but not recorded: " + e.Err.Error() }
func (e *StoreError) Unwrap() error { return e.Err }

// FailureKind classifies why a tenant was not audited.
func FailureKind(err error) string {
	var se *collect.SignInError
	var ce *CredentialError
	var cf *ConfigError
	var sf *StoreError
	switch {
	case errors.As(err, &sf):
		return "store"
	case errors.As(err, &se):
		return "signIn"
	case errors.As(err, &ce):
		return "credential"
	case errors.As(err, &cf):
		return "config"
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return "interrupted"
	}
	return "error"
}
