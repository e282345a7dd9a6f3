package fleet

import (
	"fmt"
	"testing"
)

func TestParseShard(t *testing.T) {
	for in, want := range map[string]Shard{"0/1": {0, 1}, "3/4": {3, 4}, " 2 / 8 ": {2, 8}} {
		if got, err := ParseShard(in); err != nil || got != want {
			t.Errorf("%q: %+v %v", in, got, err)
		}
	}
	for _, in := range []string{"", "4/4", "-1/4", "1", "1/0", "a/b", "1/4/2", "0/1001"} {
		if _, err := ParseShard(in); err == nil {
			t.Errorf("%q parsed", in)
		}
	}
}

// TestShardsCoverEveryTenantOnce: for every count, each tenant belongs to
// exactly one shard, whatever case its id is written in; and no shard of 4
// is left with nothing among 200 tenants.
func TestShardsCoverEveryTenantOnce(t *testing.T) {
	var tenants []string
	for i := range 200 {
		tenants = append(tenants, fmt.Sprintf("%08x-0000-4000-8000-%012x", i*7919, i))
	}
	tenants = append(tenants, "contoso.onmicrosoft.com")
	for _, n := range []int{1, 2, 3, 4, 7, 16} {
		sizes := make([]int, n)
		for _, tn := range tenants {
			owners := 0
			for i := range n {
				if (Shard{i, n}).Owns(tn) {
					owners++
					sizes[i]++
				}
				if (Shard{i, n}).Owns(tn) != (Shard{i, n}).Owns("  "+upper(tn)) {
					t.Errorf("%s: the shard depends on case or spaces", tn)
				}
			}
			if owners != 1 {
				t.Errorf("count %d: %s belongs to %d shards", n, tn, owners)
			}
		}
		for i, k := range sizes {
			if n == 4 && k < 200/4/2 {
				t.Errorf("shard %d of 4 has %d of %d tenants", i, k, len(tenants))
			}
		}
	}
}

func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 32
		}
	}
	return string(b)
}
