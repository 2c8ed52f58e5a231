// podsim-tool: the fake curl, wget, psql and pg_isready of a simulated container, as a native binary
// because every `kubectl exec` starts one and a Node process costs ~80 ms of CPU to start. It does what
// ../bin/podsim-tool.mjs does (the fallback when Go is missing): hands argv, stdin and the pod's identity
// to podsim's control API on 127.0.0.1 and replays its answer. The tool is the name it was called by.
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

type answer struct {
	Stdout     string `json:"stdout"`
	Stderr     string `json:"stderr"`
	ExitCode   int    `json:"exitCode"`
	NeedsStdin string `json:"needsStdin"`
}

var pgVariable = regexp.MustCompile(`^PG[A-Z_]+$`)

func call(path string, body []byte) (answer, error) {
	var a answer
	req, err := http.NewRequest(http.MethodPost, strings.TrimRight(os.Getenv("PODSIM_URL"), "/")+path, bytes.NewReader(body))
	if err != nil {
		return a, err
	}
	req.Header.Set("content-type", "application/octet-stream")
	req.Header.Set("authorization", "Bearer "+os.Getenv("PODSIM_TOKEN"))
	// podsim listens on 127.0.0.1 only; a proxy from the environment must never see this traffic.
	client := &http.Client{Transport: &http.Transport{Proxy: nil}}
	res, err := client.Do(req)
	if err != nil {
		return a, err
	}
	defer res.Body.Close()
	text, err := io.ReadAll(res.Body)
	if err != nil {
		return a, err
	}
	if res.StatusCode != http.StatusOK {
		return a, fmt.Errorf("podsim answered %d: %s", res.StatusCode, text)
	}
	return a, json.Unmarshal(text, &a)
}

func run(tool string, argv []string) (answer, error) {
	env := map[string]string{}
	for _, kv := range os.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok && pgVariable.MatchString(k) {
			env[k] = v
		}
	}
	request, err := json.Marshal(map[string]any{
		"tool": tool, "argv": argv, "env": env,
		"namespace": os.Getenv("PODSIM_NAMESPACE"), "pod": os.Getenv("PODSIM_POD"), "container": os.Getenv("PODSIM_CONTAINER"),
	})
	if err != nil {
		return answer{}, err
	}
	a, err := call("/v1/tool", request)
	if err != nil || a.NeedsStdin == "" {
		return a, err
	}
	stdin, _ := io.ReadAll(os.Stdin)
	return call("/v1/tool/"+a.NeedsStdin+"/stdin", stdin)
}

func main() {
	tool, argv := filepath.Base(os.Args[0]), os.Args[1:]
	if tool == "podsim-tool" && len(argv) > 0 {
		tool, argv = argv[0], argv[1:]
	}
	a, err := run(tool, argv)
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: podsim: %v\n", tool, err)
		os.Exit(126)
	}
	stdout, err := base64.StdEncoding.DecodeString(a.Stdout)
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: podsim: %v\n", tool, err)
		os.Exit(126)
	}
	os.Stdout.Write(stdout)
	os.Stderr.WriteString(a.Stderr)
	os.Exit(a.ExitCode)
}
