package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// userHZ is the unit of the CPU times in /proc/PID/stat; Linux reports
// them in USER_HZ, which is 100 on every architecture Go supports.
const userHZ = 100

// processCPU returns a probe reading the user plus system CPU time used so
// far by process pid (Linux only).
func processCPU(name string, pid int) Probe {
	path := fmt.Sprintf("/proc/%d/stat", pid)
	return Probe{Name: name, Read: func() (time.Duration, error) {
		b, err := os.ReadFile(path)
		if err != nil {
			return 0, fmt.Errorf("read CPU time: %w", err)
		}
		return parseStatCPU(string(b))
	}}
}

// parseStatCPU extracts utime + stime from the contents of /proc/PID/stat.
// The command name (field 2) is in parentheses and may hold spaces, so the
// fields are counted from the last ')'.
func parseStatCPU(stat string) (time.Duration, error) {
	i := strings.LastIndexByte(stat, ')')
	if i < 0 {
		return 0, fmt.Errorf("malformed stat line %q", stat)
	}
	// After ")" come field 3 (state) onwards; utime and stime are fields
	// 14 and 15.
	f := strings.Fields(stat[i+1:])
	if len(f) < 13 {
		return 0, fmt.Errorf("malformed stat line %q", stat)
	}
	var ticks int64
	for _, s := range f[11:13] {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("malformed stat line %q: %w", stat, err)
		}
		ticks += n
	}
	return time.Duration(ticks) * time.Second / userHZ, nil
}

// probeFlag collects -cpu NAME=PID flags.
type probeFlag []Probe

func (p *probeFlag) String() string {
	names := make([]string, len(*p))
	for i, x := range *p {
		names[i] = x.Name
	}
	return strings.Join(names, ",")
}

func (p *probeFlag) Set(v string) error {
	name, pidText, ok := strings.Cut(v, "=")
	pid, err := strconv.Atoi(pidText)
	if !ok || name == "" || err != nil || pid <= 0 {
		return fmt.Errorf("want NAME=PID, got %q", v)
	}
	*p = append(*p, processCPU(name, pid))
	return nil
}
