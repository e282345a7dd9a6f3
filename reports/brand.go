package reports

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
)

// MaxLogoBytes bounds --brand-logo.
const MaxLogoBytes = 512 << 10

// BrandLogo turns image bytes into a data: URI for the HTML report. Only PNG,
// JPEG, GIF and WebP are accepted: they cannot carry script (SVG can).
func BrandLogo(data []byte) (string, error) {
	if len(data) == 0 {
		return "", errors.New("the logo file is empty")
	}
	if len(data) > MaxLogoBytes {
		return "", fmt.Errorf("the logo is %d bytes; the limit is %d", len(data), MaxLogoBytes)
	}
	switch ct := http.DetectContentType(data); ct {
	case "image/png", "image/jpeg", "image/gif", "image/webp":
		return "data:" + ct + ";base64," + base64.StdEncoding.EncodeToString(data), nil
	default:
		return "", fmt.Errorf("the logo must be a PNG, JPEG, GIF or WebP image, not %s", ct)
	}
}
