package tenant

import (
	"errors"
	"fmt"
)

// State says how collecting one dataset went. Only StateCollected makes the
// dataset's records authoritative: in every other state the records are
// unknown, never "none".
type State string

const (
	StateCollected    State = "collected"
	StateDenied       State = "denied"        // missing Graph permission or directory role
	StateUnlicensed   State = "unlicensed"    // the tenant lacks the licence the endpoint needs
	StateFailed       State = "failed"        // any other error, after retries
	StateNotRequested State = "not_requested" // nothing asked for it (the zero value on load)
)

// Valid reports whether s is one of the known states.
func (s State) Valid() bool {
	switch s {
	case StateCollected, StateDenied, StateUnlicensed, StateFailed, StateNotRequested:
		return true
	}
	return false
}

// Status records how a dataset was collected. It travels with the data so that
// a snapshot file read offline tells the same story as a live run.
type Status struct {
	State State `json:"state"`
	// Reason is one human line: why the dataset is not collected, or a caveat.
	Reason string `json:"reason,omitempty"`
	// Permission names the Graph permission a denied dataset needs.
	Permission string `json:"permission,omitempty"`
	// Licence names the licence an unlicensed dataset needs.
	Licence string `json:"licence,omitempty"`
	// HTTPStatus, ErrorCode and RequestID identify a Graph failure for support.
	HTTPStatus int    `json:"httpStatus,omitempty"`
	ErrorCode  string `json:"errorCode,omitempty"`
	RequestID  string `json:"requestId,omitempty"`
	// Source names the endpoint the records came from when there is a choice
	// (for example the MFA registration report or per-user method lookups).
	Source string `json:"source,omitempty"`
	// Count is the number of records collected.
	Count int `json:"count"`
}

// Collected reports whether the dataset's records can be trusted.
func (s Status) Collected() bool { return s.State == StateCollected }

// Describe renders the status as one line for people.
func (s Status) Describe() string {
	switch s.State {
	case StateCollected:
		return fmt.Sprintf("collected (%d)", s.Count)
	case StateDenied:
		if s.Permission != "" {
			return "denied: needs " + s.Permission
		}
	case StateUnlicensed:
		if s.Licence != "" {
			return "not licensed: needs " + s.Licence
		}
	case StateNotRequested, "":
		return "not requested"
	}
	msg := string(s.State)
	if s.Reason != "" {
		msg += ": " + s.Reason
	}
	if s.ErrorCode != "" {
		msg += fmt.Sprintf(" (HTTP %d %s)", s.HTTPStatus, s.ErrorCode)
	} else if s.HTTPStatus != 0 {
		msg += fmt.Sprintf(" (HTTP %d)", s.HTTPStatus)
	}
	return msg
}

// ErrNotCollected is matched with errors.Is by code that reads a dataset that
// was not collected.
var ErrNotCollected = errors.New("dataset not collected")

// UnavailableError is returned by List.Get and One.Get when the dataset is not
// in StateCollected. It carries the status so callers can explain why.
type UnavailableError struct {
	Status Status
}

func (e *UnavailableError) Error() string { return e.Status.Describe() }
func (e *UnavailableError) Unwrap() error { return ErrNotCollected }

// List is a collection dataset: its status and, when collected, its records.
type List[T any] struct {
	Status
	Items []T `json:"items,omitempty"`
}

// Get returns the records, or an *UnavailableError when the dataset was not
// collected. A collected dataset with no records returns an empty, non-nil slice.
func (l *List[T]) Get() ([]T, error) {
	if l == nil || !l.Collected() {
		var st Status
		if l != nil {
			st = l.Status
		}
		return nil, &UnavailableError{Status: st}
	}
	if l.Items == nil {
		return []T{}, nil
	}
	return l.Items, nil
}

// Set marks the dataset collected with items.
func (l *List[T]) Set(items []T) {
	if items == nil {
		items = []T{}
	}
	l.Items = items
	l.Status.State = StateCollected
	l.Status.Count = len(items)
}

// Fail records that the dataset could not be collected; it drops any partial records.
func (l *List[T]) Fail(st Status) {
	l.Items = nil
	st.Count = 0
	l.Status = st
}

// One is a single-object dataset (a policy, a settings singleton).
type One[T any] struct {
	Status
	Value *T `json:"value,omitempty"`
}

// Get returns the value, or an *UnavailableError when it was not collected.
func (o *One[T]) Get() (*T, error) {
	if o == nil || !o.Collected() || o.Value == nil {
		var st Status
		if o != nil {
			st = o.Status
		}
		if st.State == StateCollected {
			st.State, st.Reason = StateFailed, "collected without a value"
		}
		return nil, &UnavailableError{Status: st}
	}
	return o.Value, nil
}

// Set marks the dataset collected with v.
func (o *One[T]) Set(v T) {
	o.Value = &v
	o.Status.State = StateCollected
	o.Status.Count = 1
}

// Fail records that the dataset could not be collected.
func (o *One[T]) Fail(st Status) {
	o.Value = nil
	st.Count = 0
	o.Status = st
}
