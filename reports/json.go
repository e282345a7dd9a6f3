package reports

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/m365ready/m365ready/internal/result"
)

// JSON writes the whole report: the stable contract for automation,
// described by schema/report.schema.json. encoding/json escapes <, >, & and
// control characters; bidirectional and other invisible format characters
// are escaped too, so tenant data cannot reorder what a terminal shows when
// the file is printed. The decoded strings are unchanged.
type JSON struct{}

func (JSON) Render(w io.Writer, r *result.Report) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return err
	}
	_, err := w.Write(escapeFormatRunes(buf.Bytes()))
	return err
}

// escapeFormatRunes rewrites Unicode format characters (category Cf) as \uXXXX;
// in encoding/json output they can only occur inside strings.
func escapeFormatRunes(b []byte) []byte {
	// Every format character is outside ASCII, and encoding/json has already
	// escaped the ASCII control characters: pure ASCII needs no scan.
	if bytes.IndexFunc(b, func(r rune) bool { return r >= 0x80 }) < 0 || !needsEscape(string(b)) {
		return b
	}
	var out bytes.Buffer
	for _, r := range string(b) {
		if unsafeRune(r) && r > 0x7f {
			if r > 0xffff {
				r1, r2 := surrogates(r)
				fmt.Fprintf(&out, `\u%04x\u%04x`, r1, r2)
			} else {
				fmt.Fprintf(&out, `\u%04x`, r)
			}
			continue
		}
		out.WriteRune(r)
	}
	return out.Bytes()
}

func surrogates(r rune) (rune, rune) {
	r -= 0x10000
	return 0xd800 + (r>>10)&0x3ff, 0xdc00 + r&0x3ff
}
