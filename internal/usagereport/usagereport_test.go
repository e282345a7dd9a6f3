package usagereport

import (
	"errors"
	"strings"
	"testing"
)

const header = "Report Refresh Date,Site Id,Site URL,Owner Display Name,Is Deleted,Last Activity Date,File Count,Active File Count,Page View Count,Visited Page Count,Storage Used (Byte),Storage Allocated (Byte),Root Web Template,Owner Principal Name,Report Period\n"

func TestParseSiteUsage(t *testing.T) {
	in := "\ufeff" + header +
		"2025-06-01,d9ecf079-9b13-4376-ac5d-f242dda55626,https://contoso.sharepoint.com/sites/siteA,Site A Owners,False,2025-05-30,170,25,7,3,63442116,27487790694400,Team Site,,30\n" +
		"2025-06-01,fd1a778f-263e-4c43-acdf-d5c2519d80eb,,9F3C2A00112233445566778899AABBCC,True,2025-05-01,12,0,0,0,1048576,27487790694400,Communication Site,0A1B2C00112233445566778899AABBCC,30\n"
	rows, err := ParseSiteUsage(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("got %d rows", len(rows))
	}
	a, b := rows[0], rows[1]
	if a.SiteID != "d9ecf079-9b13-4376-ac5d-f242dda55626" || a.FileCount != 170 || a.StorageUsedBytes != 63442116 || a.Concealed || a.IsDeleted {
		t.Errorf("row 1 = %+v", a)
	}
	if !b.Concealed || !b.IsDeleted || b.SiteURL != "" {
		t.Errorf("row 2 = %+v, want concealed and deleted", b)
	}
}

func TestParseSiteUsageRejects(t *testing.T) {
	for name, in := range map[string]string{
		"empty":          "",
		"missing column": "Site Id,Site URL\nx,y\n",
		"bad number":     header + "2025-06-01,x,,o,False,,lots,0,0,0,1,1,Team Site,,30\n",
		"bad quoting":    header + "\"unterminated\n",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := ParseSiteUsage(strings.NewReader(in)); !errors.Is(err, ErrMalformed) {
				t.Fatalf("err = %v, want ErrMalformed", err)
			}
		})
	}
}

func TestParseOneDriveUsage(t *testing.T) {
	in := "\ufeffReport Refresh Date,Site URL,Owner Display Name,Is Deleted,Last Activity Date,File Count,Active File Count,Storage Used (Byte),Storage Allocated (Byte),Owner Principal Name,Report Period\n" +
		"2026-10-30,https://x-my.sharepoint.com/personal/a,A,False,2026-10-29,120,5,1048576,1099511627776,a@x.test,30\n" +
		"2026-10-30,,0A1B2C00112233445566778899AABBCC,False,,0,0,0,1099511627776,0A1B2C00112233445566778899AABBCC,30\n"
	rows, err := ParseOneDriveUsage(strings.NewReader(in))
	if err != nil || len(rows) != 2 {
		t.Fatalf("%v %v", rows, err)
	}
	if rows[0].OwnerPrincipalName != "a@x.test" || rows[0].FileCount != 120 || rows[0].Concealed || !rows[1].Concealed {
		t.Errorf("%+v", rows)
	}
	if _, err := ParseOneDriveUsage(strings.NewReader("Site URL\nx\n")); !errors.Is(err, ErrMalformed) {
		t.Errorf("missing columns: %v", err)
	}
}
