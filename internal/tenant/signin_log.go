package tenant

import "time"

// SignInLog is what m365ready read of GET /auditLogs/signIns: the Windows
// sign-ins of the last Days days, folded per person and device. The log is
// large and throttled, so reading stops after a page budget; Complete says
// whether the whole window was read, and OldestRead how far back it got.
type SignInLog struct {
	Since time.Time `json:"since"` // the server-side filter's lower bound
	Days  int       `json:"days"`
	Pages int       `json:"pages"` // pages read
	// Events are the sign-ins read, of every platform; Windows are those
	// from Windows.
	Events   int  `json:"events"`
	Windows  int  `json:"windows"`
	Complete bool `json:"complete"`
	// OldestRead is the earliest sign-in read (the log comes newest first).
	OldestRead *time.Time     `json:"oldestRead,omitempty"`
	Devices    []SignInDevice `json:"devices"`
}

// SignInDevice is one person's Windows sign-ins from one device in the
// window (or from devices Entra does not know, which share an empty
// DeviceID).
type SignInDevice struct {
	UserID            string `json:"userId" redact:"id"`
	UserPrincipalName string `json:"userPrincipalName,omitempty" redact:"upn"`
	DeviceID          string `json:"deviceId,omitempty" redact:"id"`
	DeviceName        string `json:"deviceName,omitempty" redact:"device"`
	OperatingSystem   string `json:"operatingSystem,omitempty" redact:"-"`
	// TrustType is the sign-in log's: "Azure AD joined", "Hybrid Azure AD
	// joined", "Azure AD registered", or empty for a device Entra does not know.
	TrustType string     `json:"trustType,omitempty" redact:"-"`
	Count     int        `json:"count"`
	First     *time.Time `json:"first,omitempty"`
	Last      *time.Time `json:"last,omitempty"`
}
