package usagereport

import (
	"bytes"
	"errors"
	"testing"
)

// FuzzParseSiteUsage: any download parses or fails with ErrMalformed.
func FuzzParseSiteUsage(f *testing.F) {
	f.Add([]byte("\ufeff" + header + "2025-06-01,id,https://x/sites/a,Owner,False,2025-05-30,1,0,0,0,10,20,Team Site,o@x.test,30\n"))
	f.Add([]byte(header + "2025-06-01,id,,0A1B2C00112233445566778899AABBCC,True,,,,,,,,Group,0A1B2C00112233445566778899AABBCC,30\n"))
	f.Add([]byte("Site Id\n\"x"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := ParseSiteUsage(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("untyped error: %v", err)
			}
			return
		}
		for _, r := range rows {
			if r.Concealed != (IsConcealed(r.OwnerPrincipalName) || IsConcealed(r.OwnerDisplayName)) {
				t.Fatalf("concealment flag wrong: %+v", r)
			}
		}
	})
}
