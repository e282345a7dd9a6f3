package checks

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/m365ready/m365ready/internal/result"
)

// setField gives field i of a FindingAttrs a value unlike its zero value.
func setField(a *result.FindingAttrs, i int, variant int) {
	f := reflect.ValueOf(a).Elem().Field(i)
	switch f.Kind() {
	case reflect.String:
		f.SetString("v" + string(rune('a'+variant)))
	case reflect.Bool:
		f.SetBool(variant == 1)
	case reflect.Int:
		f.SetInt(int64(variant + 1))
	case reflect.Slice:
		f.Set(reflect.ValueOf([]string{"x", string(rune('a' + variant))}))
	case reflect.Pointer:
		t := time.Date(2026, 1, 1+variant, 0, 0, 0, 0, time.UTC)
		f.Set(reflect.ValueOf(&t))
	default:
		panic(f.Kind())
	}
}

func TestShareMergesOnlyEqualAttributes(t *testing.T) {
	n := reflect.TypeFor[result.FindingAttrs]().NumField()
	for i := 0; i < n; i++ {
		name := reflect.TypeFor[result.FindingAttrs]().Field(i).Name
		a, b, c := &result.FindingAttrs{}, &result.FindingAttrs{}, &result.FindingAttrs{}
		setField(a, i, 0)
		setField(b, i, 1)
		setField(c, i, 0)
		fs := []result.Finding{{Detail: "d", Attrs: a}, {Detail: "d", Attrs: b}, {Detail: "d", Attrs: c}}
		before, _ := json.Marshal(fs)
		share(fs)
		after, _ := json.Marshal(fs)
		if string(before) != string(after) {
			t.Errorf("%s: sharing changed the findings:\n%s\n%s", name, before, after)
		}
		if fs[0].Attrs == fs[1].Attrs {
			t.Errorf("%s: attributes that differ were merged", name)
		}
		if fs[0].Attrs != fs[2].Attrs {
			t.Errorf("%s: equal attributes were not shared", name)
		}
	}
	// A value split differently across fields is a different key.
	x := []result.Finding{{Attrs: &result.FindingAttrs{SKU: "ab", State: ""}}, {Attrs: &result.FindingAttrs{SKU: "a", State: "b"}},
		{Attrs: &result.FindingAttrs{SKUs: []string{}}}, {Attrs: &result.FindingAttrs{}}}
	share(x)
	if x[0].Attrs == x[1].Attrs || x[2].Attrs == x[3].Attrs {
		t.Error("different attributes share a key")
	}
}
