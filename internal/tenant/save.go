package tenant

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"
)

// Save writes s as indented JSON, byte for byte what json.Encoder with a
// two-space indent would write. It streams list datasets one record at a
// time: marshalling a 100,000-person snapshot whole needs several times the
// snapshot's own memory (the value, the compact bytes and the indented copy).
func Save(w io.Writer, s *Snapshot) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	if err := writeSnapshot(bw, s); err != nil {
		return fmt.Errorf("write snapshot: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write snapshot: %w", err)
	}
	return nil
}

// streamedList is implemented by *List[T] so Save can write its records
// one by one without knowing T.
type streamedList interface {
	statusOnly() any
	itemCount() int
	marshalItem(i int, prefix string) ([]byte, error)
}

func (l *List[T]) statusOnly() any { return List[T]{Status: l.Status} }
func (l *List[T]) itemCount() int  { return len(l.Items) }
func (l *List[T]) marshalItem(i int, prefix string) ([]byte, error) {
	return json.MarshalIndent(l.Items[i], prefix, "  ")
}

func writeSnapshot(w *bufio.Writer, s *Snapshot) error {
	v := reflect.ValueOf(s).Elem()
	t := v.Type()
	w.WriteString("{")
	first := true
	for i := 0; i < t.NumField(); i++ {
		name, opts, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name == "-" || name == "" {
			continue
		}
		fv := v.Field(i)
		if strings.Contains(opts, "omitempty") && fv.IsZero() {
			continue
		}
		if !first {
			w.WriteString(",")
		}
		first = false
		fmt.Fprintf(w, "\n  %q: ", name)
		if l, ok := fv.Addr().Interface().(streamedList); ok && l.itemCount() > 0 {
			if err := writeList(w, l); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			continue
		}
		b, err := json.MarshalIndent(fv.Interface(), "  ", "  ")
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		w.Write(b)
	}
	w.WriteString("\n}\n")
	return nil
}

// writeList writes the status fields, then "items" one record at a time.
func writeList(w *bufio.Writer, l streamedList) error {
	head, err := json.MarshalIndent(l.statusOnly(), "  ", "  ")
	if err != nil {
		return err
	}
	w.Write(head[:len(head)-len("\n  }")])
	w.WriteString(",\n    \"items\": [")
	for i := 0; i < l.itemCount(); i++ {
		b, err := l.marshalItem(i, "      ")
		if err != nil {
			return err
		}
		if i > 0 {
			w.WriteString(",")
		}
		w.WriteString("\n      ")
		w.Write(b)
	}
	_, err = w.WriteString("\n    ]\n  }")
	return err
}
