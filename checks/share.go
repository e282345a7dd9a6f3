package checks

import (
	"reflect"
	"strconv"
	"time"

	"github.com/m365ready/m365ready/internal/result"
)

// share makes findings with equal attributes point at one FindingAttrs, and
// equal details at one string, once a check has finished with them. A large
// tenant's checks make hundreds of thousands of findings from a handful of
// distinct attribute sets (a licence combination, a method combination, a
// join type and build), and the result is kept until every report is
// written: at 100,000 people this is tens of megabytes. Nothing changes a
// finding after its check, so sharing is not observable.
func share(lists ...[]result.Finding) {
	attrs := map[string]*result.FindingAttrs{}
	details := map[string]string{}
	var key []byte
	for _, fs := range lists {
		for i := range fs {
			f := &fs[i]
			if d, ok := details[f.Detail]; ok {
				f.Detail = d
			} else {
				details[f.Detail] = f.Detail
			}
			if f.Attrs == nil {
				continue
			}
			key = attrsKey(key[:0], reflect.ValueOf(f.Attrs).Elem())
			if a, ok := attrs[string(key)]; ok {
				f.Attrs = a
			} else {
				attrs[string(key)] = f.Attrs
			}
		}
	}
}

// attrsKey appends an unambiguous encoding of every field of v (a struct of
// strings, bools, ints, string slices and time pointers): each value is
// length-prefixed, so no two different values share a key, and a field
// added to FindingAttrs is part of the key without anyone remembering to.
func attrsKey(b []byte, v reflect.Value) []byte {
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		switch f.Kind() {
		case reflect.String:
			b = appendPart(b, f.String())
		case reflect.Bool:
			b = strconv.AppendBool(b, f.Bool())
		case reflect.Int:
			b = strconv.AppendInt(b, f.Int(), 10)
		case reflect.Slice:
			if f.IsNil() {
				b = append(b, 'n')
			}
			b = strconv.AppendInt(b, int64(f.Len()), 10)
			for j := 0; j < f.Len(); j++ {
				b = appendPart(b, f.Index(j).String())
			}
		case reflect.Pointer:
			if f.IsNil() {
				b = append(b, 'n')
			} else {
				t := f.Interface().(*time.Time)
				b = t.AppendFormat(b, time.RFC3339Nano)
				b = appendPart(b, t.Location().String())
			}
		default:
			panic("attrsKey: FindingAttrs has a field of kind " + f.Kind().String() + "; teach attrsKey to encode it")
		}
		b = append(b, ';')
	}
	return b
}

func appendPart(b []byte, s string) []byte {
	b = strconv.AppendInt(b, int64(len(s)), 10)
	b = append(b, ':')
	return append(b, s...)
}
