//go:build linux

package loader_test

import (
	"runtime"
	"runtime/debug"
	"syscall"
	"testing"
	"time"
)

// threadCPU returns the CPU time of the calling thread (RUSAGE_THREAD), so
// that other goroutines and processes do not count.
func threadCPU(t testing.TB) time.Duration {
	const rusageThread = 1
	var ru syscall.Rusage
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		t.Fatalf("getrusage: %v", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestExtractionIsLinear checks that extraction takes time linear in the
// article's length: four times the text may take at most eight times the
// CPU (linear gives about four, quadratic sixteen). It measures the CPU
// time of its own thread, least of three tries with the collector off,
// so neither a loaded machine, other goroutines nor the collector's
// assists make it flaky. The timings are in
// BenchmarkExtractLongArticle.
func TestExtractionIsLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	x := newExtractor(t)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	for _, runOn := range []bool{false, true} {
		var cpu [2]time.Duration
		sizes := []int{128 << 10, 512 << 10}
		if runOn {
			// Run-on text is read fast; larger sizes keep the timings
			// above the machine's noise.
			sizes = []int{256 << 10, 1 << 20}
		}
		for i, size := range sizes {
			text := longArticle(size, runOn)
			cpu[i] = time.Hour
			for range 3 {
				// The collector's assists would charge this thread for
				// garbage of earlier tries: collect first, then measure
				// with the collector off.
				runtime.GC()
				gc := debug.SetGCPercent(-1)
				start := threadCPU(t)
				extractText(t, x, text)
				cpu[i] = min(cpu[i], threadCPU(t)-start)
				debug.SetGCPercent(gc)
			}
		}
		ratio := float64(cpu[1]) / float64(cpu[0])
		t.Logf("run-on %v: %d KiB in %v, %d KiB in %v of CPU: ratio %.1f", runOn, sizes[0]>>10, cpu[0], sizes[1]>>10, cpu[1], ratio)
		if ratio > 8 {
			t.Errorf("run-on %v: 4x the text took %.1fx the CPU, want linear (at most 8x)", runOn, ratio)
		}
	}
}
