package tenant

import (
	"errors"
	"fmt"

	"github.com/m365ready/m365ready/internal/result"
)

// State says how collecting one dataset went; the vocabulary is the report's
// (result.DatasetState), so a snapshot and a report name states alike.
type State = result.DatasetState

const (
	StateCollected    = result.DatasetCollected
	StateDenied       = result.DatasetDenied
	StateUnlicensed   = result.DatasetUnlicensed
	StateFailed       = result.DatasetFailed
	StateNotRequested = result.DatasetNotRequested // the zero value on load reads as this
)

// Status records how a dataset was collected. It travels with the data so that
// a snapshot file read offline tells the same story as a live run.
type Status struct {
	State State `json:"state" redact:"-"`
	// Reason is one human line: why the dataset is not collected, or a caveat.
	Reason string `json:"reason,omitempty" redact:"text"`
	// Permission names the Graph permission a denied dataset needs.
	Permission string `json:"permission,omitempty" redact:"-"`
	// Licence names the licence an unlicensed dataset needs.
	Licence string `json:"licence,omitempty" redact:"-"`
	// HTTPStatus, ErrorCode and RequestID identify a Graph failure for support.
	HTTPStatus int    `json:"httpStatus,omitempty"`
	ErrorCode  string `json:"errorCode,omitempty" redact:"-"`
	RequestID  string `json:"requestId,omitempty" redact:"-"`
	// Source names the endpoint the records came from when there is a choice
	// (for example the MFA registration report or per-user method lookups).
	Source string `json:"source,omitempty" redact:"-"`
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
		if s.Reason != "" {
			return "not requested: " + s.Reason
		}
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

func (l *List[T]) status() *Status { return &l.Status }

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

func (o *One[T]) status() *Status { return &o.Status }

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
