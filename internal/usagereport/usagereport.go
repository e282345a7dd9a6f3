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
	rows, err := readCSV(r, siteColumns)
	if err != nil {
		return nil, err
	}
	out := []tenant.SiteUsage{}
	for _, row := range rows {
		files, storage, err := row.sizes()
		if err != nil {
			return nil, err
		}
		u := tenant.SiteUsage{SiteID: row.get("Site Id"), SiteURL: row.get("Site URL"), OwnerDisplayName: row.get("Owner Display Name"),
			OwnerPrincipalName: row.get("Owner Principal Name"), IsDeleted: strings.EqualFold(row.get("Is Deleted"), "true"),
			LastActivityDate: row.get("Last Activity Date"), FileCount: files, StorageUsedBytes: storage,
			RootWebTemplate: row.get("Root Web Template"), ReportRefreshDate: row.get("Report Refresh Date")}
		u.Concealed = IsConcealed(u.OwnerPrincipalName) || IsConcealed(u.OwnerDisplayName)
		out = append(out, u)
	}
	return out, nil
}

var oneDriveColumns = []string{"Report Refresh Date", "Site URL", "Owner Display Name", "Is Deleted", "Last Activity Date",
	"File Count", "Storage Used (Byte)", "Owner Principal Name"}

// ParseOneDriveUsage reads getOneDriveUsageAccountDetail's CSV, like ParseSiteUsage.
func ParseOneDriveUsage(r io.Reader) ([]tenant.OneDriveUsage, error) {
	rows, err := readCSV(r, oneDriveColumns)
	if err != nil {
		return nil, err
	}
	out := []tenant.OneDriveUsage{}
	for _, row := range rows {
		files, storage, err := row.sizes()
		if err != nil {
			return nil, err
		}
		u := tenant.OneDriveUsage{OwnerPrincipalName: row.get("Owner Principal Name"), OwnerDisplayName: row.get("Owner Display Name"),
			SiteURL: row.get("Site URL"), IsDeleted: strings.EqualFold(row.get("Is Deleted"), "true"), LastActivityDate: row.get("Last Activity Date"),
			FileCount: files, StorageUsedBytes: storage, ReportRefreshDate: row.get("Report Refresh Date")}
		u.Concealed = IsConcealed(u.OwnerPrincipalName) || IsConcealed(u.OwnerDisplayName)
		out = append(out, u)
	}
	return out, nil
}

type csvRow struct {
	col  map[string]int
	rec  []string
	line int
}

func (r csvRow) get(name string) string {
	if i := r.col[name]; i < len(r.rec) {
		return strings.TrimSpace(r.rec[i])
	}
	return ""
}

func (r csvRow) num(name string) (int64, error) {
	v := r.get(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%w: line %d: %s is not a number", ErrMalformed, r.line, name)
	}
	return n, nil
}

// sizes reads the File Count and Storage Used columns both reports have.
func (r csvRow) sizes() (files, storage int64, err error) {
	if files, err = r.num("File Count"); err != nil {
		return 0, 0, err
	}
	storage, err = r.num("Storage Used (Byte)")
	return files, storage, err
}

// readCSV strips the byte-order mark, checks the columns, and returns the rows.
func readCSV(r io.Reader, required []string) ([]csvRow, error) {
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
	for _, c := range required {
		if _, ok := col[c]; !ok {
			return nil, fmt.Errorf("%w: column %q is missing", ErrMalformed, c)
		}
	}
	var rows []csvRow
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
		}
		rows = append(rows, csvRow{col: col, rec: rec, line: line})
	}
}
