//go:build ignore

// Generates catalog.csv from Microsoft's SKU and service plan table:
//
//	go run ./internal/skus/gen/main.go ../shared/data/m365-sku-service-plans.csv > internal/skus/catalog.csv
//
// The product embeds the result and never reads the shared copy.
package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"sort"
	"strings"
)

func main() {
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	r := csv.NewReader(f)
	rows, err := r.ReadAll()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	type sku struct {
		id, part, name string
		plans          map[string]string
	}
	byID := map[string]*sku{}
	for _, row := range rows[1:] {
		id := strings.ToLower(strings.TrimSpace(row[2]))
		s := byID[id]
		if s == nil {
			s = &sku{id: id, part: strings.TrimSpace(strings.ReplaceAll(row[1], "\u00a0", " ")), name: strings.TrimSpace(row[0]), plans: map[string]string{}}
			byID[id] = s
		}
		s.plans[strings.ToLower(strings.TrimSpace(row[4]))] = strings.TrimSpace(row[3])
	}
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		return byID[ids[i]].part < byID[ids[j]].part || (byID[ids[i]].part == byID[ids[j]].part && ids[i] < ids[j])
	})
	w := csv.NewWriter(os.Stdout)
	w.Write([]string{"skuId", "skuPartNumber", "displayName", "servicePlans"})
	for _, id := range ids {
		s := byID[id]
		var plans []string
		for pid, name := range s.plans {
			plans = append(plans, pid+":"+strings.Join(strings.Fields(strings.ReplaceAll(name, "\u00a0", " ")), "_"))
		}
		sort.Strings(plans)
		w.Write([]string{s.id, s.part, s.name, strings.Join(plans, " ")})
	}
	w.Flush()
}
