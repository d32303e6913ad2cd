// Command gopeer times libvirt-go-xml, the Go peer of Virtforge's codec: for every document of a
// list, one op is Domain.Unmarshal followed by Domain.Marshal, cycling through the documents on one
// goroutine, the way DomainXmlBenchmark.corpusRoundTrip cycles through them in Java.
//
// It reports, like JMH: the mean throughput of the measured iterations with its 99.9 % confidence
// error (Student's t), each iteration's figure, and the latency percentiles of every op of the
// measured iterations (p50, p99, p99.9, max).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math"
	"os"
	"runtime"
	"sort"
	"strings"
	"time"

	libvirtxml "libvirt.org/libvirt-go-xml"
)

func main() {
	list := flag.String("list", "", "file with one document path per line (the documents Virtforge's codec accepts)")
	warmups := flag.Int("wi", 5, "warmup iterations")
	iterations := flag.Int("i", 10, "measured iterations")
	seconds := flag.Float64("r", 2, "seconds per iteration")
	accepted := flag.Bool("accepted", false, "print the listed documents libvirt-go-xml reads and writes back, and stop")
	flag.Parse()
	docs, paths := load(*list)
	usable, usablePaths, refused := filter(docs, paths)
	if *accepted {
		for _, p := range usablePaths {
			fmt.Println(p)
		}
		for _, p := range refused {
			fmt.Fprintf(os.Stderr, "refused by libvirt-go-xml: %s\n", p)
		}
		return
	}
	fmt.Printf("[go peer] %s; GOMAXPROCS=%d; %d documents, %d used, %d refused by libvirt-go-xml\n",
		runtime.Version(), runtime.GOMAXPROCS(0), len(docs), len(usable), len(refused))
	for _, p := range refused {
		fmt.Printf("[go peer] refused: %s\n", p)
	}
	next := 0
	run := func(measure bool, latencies *[]time.Duration) float64 {
		deadline := time.Now().Add(time.Duration(*seconds * float64(time.Second)))
		ops := 0
		start := time.Now()
		for time.Now().Before(deadline) {
			t0 := time.Now()
			roundTrip(usable[next])
			if measure {
				*latencies = append(*latencies, time.Since(t0))
			}
			next = (next + 1) % len(usable)
			ops++
		}
		return float64(ops) / time.Since(start).Seconds()
	}
	for w := 0; w < *warmups; w++ {
		fmt.Printf("warmup %d: %.0f docs/s\n", w+1, run(false, nil))
	}
	var scores []float64
	var latencies []time.Duration
	for i := 0; i < *iterations; i++ {
		s := run(true, &latencies)
		scores = append(scores, s)
		fmt.Printf("iteration %d: %.0f docs/s\n", i+1, s)
	}
	mean, errr := meanError(scores)
	sort.Slice(latencies, func(a, b int) bool { return latencies[a] < latencies[b] })
	fmt.Printf("RESULT go-peer corpusRoundTrip: %.0f ± %.0f docs/s (99.9 %%, %d iterations); latency us p50 %.2f p99 %.2f p99.9 %.2f max %.2f (%d ops)\n",
		mean, errr, len(scores), us(pct(latencies, 0.50)), us(pct(latencies, 0.99)), us(pct(latencies, 0.999)),
		us(latencies[len(latencies)-1]), len(latencies))
}

func roundTrip(doc string) {
	var d libvirtxml.Domain
	if err := d.Unmarshal(doc); err != nil {
		panic(err)
	}
	if _, err := d.Marshal(); err != nil {
		panic(err)
	}
}

func load(list string) ([]string, []string) {
	f, err := os.Open(list)
	if err != nil {
		fail(err)
	}
	defer f.Close()
	var docs, paths []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		p := strings.TrimSpace(sc.Text())
		if p == "" {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			fail(err)
		}
		docs = append(docs, string(b))
		paths = append(paths, p)
	}
	if len(docs) == 0 {
		fail(fmt.Errorf("no document in %s", list))
	}
	return docs, paths
}

// filter keeps the documents libvirt-go-xml reads and writes back; the others are named in the output.
func filter(docs, paths []string) (usable, usablePaths, refused []string) {
	for i, doc := range docs {
		var d libvirtxml.Domain
		if err := d.Unmarshal(doc); err != nil {
			refused = append(refused, paths[i])
			continue
		}
		if _, err := d.Marshal(); err != nil {
			refused = append(refused, paths[i])
			continue
		}
		usable = append(usable, doc)
		usablePaths = append(usablePaths, paths[i])
	}
	return usable, usablePaths, refused
}

func meanError(xs []float64) (float64, float64) {
	n := float64(len(xs))
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	mean := sum / n
	if len(xs) < 2 {
		return mean, math.NaN()
	}
	ss := 0.0
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	sd := math.Sqrt(ss / (n - 1))
	return mean, studentT999(len(xs)-1) * sd / math.Sqrt(n)
}

// studentT999 is the two-sided 99.9 % quantile of Student's t (the one JMH's error uses), tabulated.
func studentT999(df int) float64 {
	table := []float64{636.62, 31.599, 12.924, 8.610, 6.869, 5.959, 5.408, 5.041, 4.781, 4.587,
		4.437, 4.318, 4.221, 4.140, 4.073, 4.015, 3.965, 3.922, 3.883, 3.850,
		3.819, 3.792, 3.768, 3.745, 3.725, 3.707, 3.690, 3.674, 3.659, 3.646}
	if df <= len(table) {
		return table[df-1]
	}
	return 3.291 + 2.4/float64(df) // the normal quantile, corrected towards the table's tail
}

func pct(sorted []time.Duration, q float64) time.Duration {
	i := int(math.Ceil(q*float64(len(sorted)))) - 1
	if i < 0 {
		i = 0
	}
	return sorted[i]
}

func us(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1000 }

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gopeer:", err)
	os.Exit(2)
}
