package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

// profileFlags are the profiling flags of load: a CPU profile of the
// whole run and a heap profile written at its end.
type profileFlags struct {
	cpu, heap string
}

func (p *profileFlags) add(fs *flag.FlagSet) {
	fs.StringVar(&p.cpu, "cpu-profile", "", "write a CPU profile of the run to `file` (go tool pprof reads it)")
	fs.StringVar(&p.heap, "heap-profile", "", "write a heap profile to `file` when the run ends, after a collection")
}

// start begins the CPU profile, if one was asked for. The returned stop
// ends it and writes the heap profile; it returns the first error met.
func (p *profileFlags) start() (stop func() error, err error) {
	var cpuFile *os.File
	if p.cpu != "" {
		if cpuFile, err = os.Create(p.cpu); err != nil {
			return nil, fmt.Errorf("cpu profile: %w", err)
		}
		if err := pprof.StartCPUProfile(cpuFile); err != nil {
			_ = cpuFile.Close()
			return nil, fmt.Errorf("cpu profile: %w", err)
		}
	}
	return func() error {
		var errs []error
		if cpuFile != nil {
			pprof.StopCPUProfile()
			if err := cpuFile.Close(); err != nil {
				errs = append(errs, fmt.Errorf("cpu profile: %w", err))
			}
		}
		if p.heap != "" {
			if err := writeHeapProfile(p.heap); err != nil {
				errs = append(errs, err)
			}
		}
		return errors.Join(errs...)
	}, nil
}

// writeHeapProfile writes the live heap, after a collection, to path.
func writeHeapProfile(path string) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("heap profile: %w", err)
	}
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("heap profile: %w", cerr)
		}
	}()
	runtime.GC()
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		return fmt.Errorf("heap profile: %w", err)
	}
	return nil
}
