package emulator

import "time"

var testTime = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
