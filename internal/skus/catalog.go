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
