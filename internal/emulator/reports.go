package emulator

import (
	"bytes"
	"crypto/md5"
	"encoding/csv"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

type downloadEntry struct {
	body    []byte
	expires time.Time
}

var usagePeriods = map[string]bool{"D7": true, "D30": true, "D90": true, "D180": true}

// serveUsageReport answers getSharePointSiteUsageDetail(period='Dnn') as v1.0
// does: a 302 to a pre-authenticated download URL on another origin.
func serveUsageReport(s *Server, rc *reqCtx) graphResp {
	fn := rc.params[0]
	name, arg, _ := strings.Cut(fn, "(period=")
	period := strings.Trim(strings.TrimSuffix(arg, ")"), "'")
	if !usagePeriods[period] || !strings.HasSuffix(fn, ")") {
		return s.errorResp(badRequest("Invalid value for the period parameter: "+fn), rc.requestID)
	}
	var body []byte
	switch name {
	case "getSharePointSiteUsageDetail":
		body = s.usageCSV()
	case "getOneDriveUsageAccountDetail":
		body = s.oneDriveCSV()
	default:
		return s.errorResp(notFound("Resource not found for the segment '"+name+"'."), rc.requestID)
	}
	token := strings.ReplaceAll(newID(), "-", "")
	s.mu.Lock()
	s.downloads[token] = downloadEntry{body: body, expires: time.Now().Add(5 * time.Minute)}
	s.mu.Unlock()
	return graphResp{status: http.StatusFound, header: map[string]string{
		"Content-Type": "text/plain", "Location": s.downloadRoot + "/data/download/" + token}}
}

// usageCSV renders the v1.0 SharePoint site usage CSV.
func (s *Server) usageCSV() []byte {
	var rows [][]string
	for _, u := range s.fixture.Data.SiteUsage.Items {
		url, name, upn := s.owner(u.SiteURL, u.OwnerDisplayName, u.OwnerPrincipalName)
		rows = append(rows, []string{u.ReportRefreshDate, u.SiteID, url, name, pyBool(u.IsDeleted), u.LastActivityDate,
			strconv.FormatInt(u.FileCount, 10), "0", "0", "0", strconv.FormatInt(u.StorageUsedBytes, 10),
			"27487790694400", u.RootWebTemplate, upn, "30"})
	}
	return reportCSV([]string{"Report Refresh Date", "Site Id", "Site URL", "Owner Display Name", "Is Deleted",
		"Last Activity Date", "File Count", "Active File Count", "Page View Count", "Visited Page Count",
		"Storage Used (Byte)", "Storage Allocated (Byte)", "Root Web Template", "Owner Principal Name", "Report Period"}, rows)
}

// oneDriveCSV renders the v1.0 OneDrive account detail CSV.
func (s *Server) oneDriveCSV() []byte {
	var rows [][]string
	for _, u := range s.fixture.Data.OneDriveUsage.Items {
		url, name, upn := s.owner(u.SiteURL, u.OwnerDisplayName, u.OwnerPrincipalName)
		rows = append(rows, []string{u.ReportRefreshDate, url, name, pyBool(u.IsDeleted), u.LastActivityDate,
			strconv.FormatInt(u.FileCount, 10), "0", strconv.FormatInt(u.StorageUsedBytes, 10), "1099511627776", upn, "30"})
	}
	return reportCSV([]string{"Report Refresh Date", "Site URL", "Owner Display Name", "Is Deleted", "Last Activity Date", "File Count",
		"Active File Count", "Storage Used (Byte)", "Storage Allocated (Byte)", "Owner Principal Name", "Report Period"}, rows)
}

// owner hides a report row's URL and names when the tenant conceals them:
// concealment is on by default since September 2021
// (https://learn.microsoft.com/microsoft-365/admin/activity-reports/activity-reports).
func (s *Server) owner(url, name, upn string) (string, string, string) {
	if v := s.fixture.Data.ReportSettings.Value; v != nil && !v.DisplayConcealedNames {
		return url, name, upn
	}
	return "", concealHash(name), concealHash(upn)
}

// reportCSV writes a report download: a UTF-8 byte-order mark, as real
// downloads carry, then the CSV.
func reportCSV(header []string, rows [][]string) []byte {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	_ = w.Write(header)
	_ = w.WriteAll(rows)
	return buf.Bytes()
}

// pyBool is how the reports spell booleans.
func pyBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

func concealHash(v string) string {
	if v == "" {
		return ""
	}
	return strings.ToUpper(fmt.Sprintf("%x", md5.Sum([]byte(v))))
}

// serveDownload is the report download origin. It refuses a request that
// carries an Authorization header: a client that forwards the Graph bearer
// token to a download host is leaking it.
func (s *Server) serveDownload(w http.ResponseWriter, r *http.Request) {
	rec := &statusRecorder{ResponseWriter: w}
	defer func() {
		s.record(Request{Time: time.Now(), Origin: "download", Method: r.Method, Path: r.URL.Path,
			Status: rec.status, Authorization: r.Header.Get("Authorization") != ""})
	}()
	if r.Header.Get("Authorization") != "" {
		http.Error(rec, "an Authorization header was sent to a pre-authenticated download URL", http.StatusBadRequest)
		return
	}
	token := strings.TrimPrefix(r.URL.Path, "/data/download/")
	s.mu.Lock()
	e, ok := s.downloads[token]
	delete(s.downloads, token)
	s.mu.Unlock()
	if !ok || time.Now().After(e.expires) {
		http.Error(rec, "download link expired or unknown", http.StatusNotFound)
		return
	}
	rec.Header().Set("Content-Type", "application/octet-stream")
	rec.WriteHeader(http.StatusOK)
	_, _ = rec.Write(e.body)
}
