package skus

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"strings"
	"sync"
)

//go:embed catalog.csv
var catalogCSV []byte

// SKU is one licence in Microsoft's table.
type SKU struct {
	ID          string
	PartNumber  string
	DisplayName string
	Plans       []Plan
}

var catalog = sync.OnceValue(func() map[string]SKU {
	rows, err := csv.NewReader(bytes.NewReader(catalogCSV)).ReadAll()
	if err != nil {
		panic("skus: embedded catalog is corrupt: " + err.Error())
	}
	out := make(map[string]SKU, len(rows))
	for _, r := range rows[1:] {
		s := SKU{ID: r[0], PartNumber: r[1], DisplayName: r[2]}
		for _, p := range strings.Fields(r[3]) {
			id, name, _ := strings.Cut(p, ":")
			s.Plans = append(s.Plans, Plan{ID: id, Name: name})
		}
		out[s.ID] = s
	}
	return out
})

// Lookup finds a SKU by skuId.
func Lookup(skuID string) (SKU, bool) {
	s, ok := catalog()[strings.ToLower(skuID)]
	return s, ok
}

// CatalogSize is the number of SKUs known.
func CatalogSize() int { return len(catalog()) }

// productNames maps normalised part numbers to Microsoft's product names.
var productNames = sync.OnceValue(func() map[string]string {
	out := map[string]string{}
	for _, s := range catalog() {
		out[NormalizeName(s.PartNumber)] = s.DisplayName
	}
	return out
})

// ProductName is Microsoft's product name for a part number ("Microsoft 365
// Business Standard" for O365_BUSINESS_PREMIUM), or the part number itself
// when Microsoft's table does not have it.
func ProductName(partNumber string) string {
	if n, ok := productNames()[NormalizeName(partNumber)]; ok && n != "" {
		return n
	}
	return partNumber
}

// ProductLabel is the product name with the part number beside it, for
// text where both fit: "Microsoft 365 Business Standard (O365_BUSINESS_PREMIUM)".
func ProductLabel(partNumber string) string {
	if n := ProductName(partNumber); n != partNumber {
		return n + " (" + partNumber + ")"
	}
	return partNumber
}
