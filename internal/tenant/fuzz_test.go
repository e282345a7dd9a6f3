package tenant

import (
	"bytes"
	"errors"
	"testing"
)

// FuzzLoad: any input either loads into a snapshot that survives a save and
// load unchanged, or fails with ErrInvalidSnapshot or ErrUnsupportedSchema;
// it never panics.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(`{"schemaVersion":2,"users":{"state":"collected","count":1,"items":[{"id":"u","userPrincipalName":"a@b","accountEnabled":true,"assignedLicenses":[]}]}}`))
	f.Add([]byte(`{"schemaVersion":2,"devices":{"state":"denied","permission":"Device.Read.All"}}`))
	f.Add([]byte(`{"schemaVersion":1}`))
	f.Add([]byte(``))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Load(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, ErrInvalidSnapshot) && !errors.Is(err, ErrUnsupportedSchema) {
				t.Fatalf("untyped error: %v", err)
			}
			return
		}
		var a bytes.Buffer
		if err := Save(&a, s); err != nil {
			t.Fatal(err)
		}
		s2, err := Load(bytes.NewReader(a.Bytes()))
		if err != nil {
			t.Fatalf("a saved snapshot does not load: %v", err)
		}
		var b bytes.Buffer
		Save(&b, s2)
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Fatal("save/load is not stable")
		}
	})
}
