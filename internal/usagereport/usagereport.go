// Package usagereport parses Microsoft 365 usage report CSVs, as downloaded
// from the pre-authenticated URL that Graph's report functions redirect to.
package usagereport

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/m365ready/m365ready/internal/tenant"
)

// ErrMalformed is returned for a download that is not the expected CSV.
var ErrMalformed = errors.New("malformed usage report")

// concealedRE matches the 32-hex hashes reports show when names are concealed.
var concealedRE = regexp.MustCompile(`^[0-9A-Fa-f]{32}$`)

// IsConcealed reports whether a report value is a concealment hash.
func IsConcealed(v string) bool { return concealedRE.MatchString(strings.TrimSpace(v)) }

var siteColumns = []string{"Report Refresh Date", "Site Id", "Site URL", "Owner Display Name", "Is Deleted",
	"Last Activity Date", "File Count", "Storage Used (Byte)", "Root Web Template", "Owner Principal Name"}

// ParseSiteUsage reads getSharePointSiteUsageDetail's CSV. It tolerates the
// UTF-8 byte-order mark, extra columns (the beta report has more) and columns
// in any order; it needs the v1.0 columns it reads.
func ParseSiteUsage(r io.Reader) ([]tenant.SiteUsage, error) {
	data, err := io.ReadAll(io.LimitReader(r, 512<<20))
	if err != nil {
		return nil, fmt.Errorf("read usage report: %w", err)
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%w: no header row: %v", ErrMalformed, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(h)] = i
	}
	for _, c := range siteColumns {
		if _, ok := col[c]; !ok {
			return nil, fmt.Errorf("%w: column %q is missing", ErrMalformed, c)
		}
	}
	out := []tenant.SiteUsage{}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
		}
		get := func(name string) string {
			if i := col[name]; i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		num := func(name string) (int64, error) {
			v := get(name)
			if v == "" {
				return 0, nil
			}
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return 0, fmt.Errorf("%w: line %d: %s is not a number", ErrMalformed, line, name)
			}
			return n, nil
		}
		files, err := num("File Count")
		if err != nil {
			return nil, err
		}
		storage, err := num("Storage Used (Byte)")
		if err != nil {
			return nil, err
		}
		u := tenant.SiteUsage{SiteID: get("Site Id"), SiteURL: get("Site URL"), OwnerDisplayName: get("Owner Display Name"),
			OwnerPrincipalName: get("Owner Principal Name"), IsDeleted: strings.EqualFold(get("Is Deleted"), "true"),
			LastActivityDate: get("Last Activity Date"), FileCount: files, StorageUsedBytes: storage,
			RootWebTemplate: get("Root Web Template"), ReportRefreshDate: get("Report Refresh Date")}
		u.Concealed = IsConcealed(u.OwnerPrincipalName) || IsConcealed(u.OwnerDisplayName)
		out = append(out, u)
	}
}
