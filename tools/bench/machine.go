package main

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// Machine describes where and on what code the benchmarks ran.
type Machine struct {
	CPUModel    string `json:"cpu_model"`
	Cores       int    `json:"cores"`
	MemoryMiB   int64  `json:"memory_mib"`
	LoadAverage string `json:"load_average_at_start"`
	Kernel      string `json:"kernel,omitempty"`
	Go          string `json:"go"`
	Java        string `json:"java"`
	Node        string `json:"node"`
	// Neo4j is the version tools/neo4j-test-server builds.
	Neo4j  string `json:"neo4j,omitempty"`
	Commit string `json:"commit"`
	// Dirty is true when the work tree differs from Commit.
	Dirty bool `json:"dirty,omitempty"`
}

// probeMachine reads the machine's description from /proc and the tools'
// version commands; what cannot be read is left empty or "not installed".
func probeMachine(ctx context.Context, root string) Machine {
	m := Machine{Cores: runtime.NumCPU(), LoadAverage: loadAverage()}
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPUModel = strings.TrimSpace(v)
				break
			}
		}
		_ = f.Close()
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if f := strings.Fields(line); len(f) >= 2 && f[0] == "MemTotal:" {
				kb, _ := strconv.ParseInt(f[1], 10, 64)
				m.MemoryMiB = kb / 1024
			}
		}
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.Kernel = "Linux " + strings.TrimSpace(string(b))
	}
	m.Go = firstLine(ctx, root, "go", "version")
	m.Java = firstLine(ctx, root, "java", "-version")
	m.Node = firstLine(ctx, root, "node", "--version")
	if b, err := os.ReadFile(root + "/tools/neo4j-test-server/pom.xml"); err == nil {
		if v := regexp.MustCompile(`<neo4j.version>([^<]+)<`).FindSubmatch(b); v != nil {
			m.Neo4j = string(v[1])
		}
	}
	m.Commit = firstLine(ctx, root, "git", "rev-parse", "HEAD")
	if err := command(ctx, root, "git", "diff", "--quiet", "HEAD").Run(); err != nil {
		m.Dirty = true
	}
	return m
}

// loadAverage returns the 1, 5 and 15-minute load averages.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

// firstLine runs a version command and returns the first line of its
// output (java prints to standard error), or "not installed".
func firstLine(ctx context.Context, dir, name string, args ...string) string {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	out, err := command(ctx, dir, name, args...).CombinedOutput()
	line, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	if err != nil && line == "" {
		return "not installed"
	}
	return strings.TrimSpace(line)
}

func command(ctx context.Context, dir, name string, args ...string) *exec.Cmd {
	c := exec.CommandContext(ctx, name, args...)
	c.Dir = dir
	return c
}
