// BusyBox wget (the alpine-based images): -q, -O FILE|-, -S, --spider, -T/--timeout, --header, -U.
// Exit 1 with BusyBox's messages on any failure. Files other than "-" are not kept.
import { expandShortOptions, splitInlineValue, type Tool, type ToolResult } from "./types";

const WITH_VALUE = new Set(["-O", "-T", "-U", "-P", "-Y", "-o"]);

export const wget: Tool = {
  async run({ sim, pod, argv }): Promise<ToolResult> {
    let quiet = false;
    let output: string | undefined;
    let serverResponse = false;
    let spider = false;
    let timeoutMs: number | undefined;
    let target: string | undefined;
    const headers: Record<string, string> = { "user-agent": "Wget", connection: "close" };
    const args = expandShortOptions(argv, WITH_VALUE);
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      const [name, inline] = splitInlineValue(arg);
      const value = () => inline ?? args[++i];
      switch (name) {
        case "-q": case "--quiet": quiet = true; break;
        case "-O": case "--output-document": output = value(); break;
        case "-S": case "--server-response": serverResponse = true; break;
        case "--spider": spider = true; break;
        case "-T": case "--timeout": timeoutMs = Number(value()) * 1000; break;
        case "-U": case "--user-agent": headers["user-agent"] = value() ?? ""; break;
        case "--header": {
          const h = value() ?? "";
          const colon = h.indexOf(":");
          if (colon > 0) headers[h.slice(0, colon).trim().toLowerCase()] = h.slice(colon + 1).trim();
          break;
        }
        case "-c": case "--continue": case "-s": case "--no-check-certificate": break;
        default:
          if (name.startsWith("-")) return { stdout: "", stderr: `wget: unrecognized option '${name}'\nBusyBox v1.36.1 multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n`, exitCode: 1 };
          target ??= arg;
      }
    }
    if (!target) return { stdout: "", stderr: "BusyBox v1.36.1 multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n", exitCode: 1 };
    let url: URL;
    try {
      url = new URL(/^[a-z]+:\/\//i.test(target) ? target : `http://${target}`);
    } catch {
      return { stdout: "", stderr: `wget: bad address '${target}'\n`, exitCode: 1 };
    }
    const port = url.port || "80";
    const progress = quiet ? "" : `Connecting to ${url.hostname}${url.port ? `:${url.port}` : ""}`;
    const response = await sim.http({ source: pod, url, method: spider ? "HEAD" : "GET", headers, timeoutMs });
    if (response.kind !== "response") {
      const message = response.kind === "unresolvable" ? `wget: bad address '${url.hostname}${url.port ? `:${url.port}` : ""}'`
        : response.kind === "refused" ? `wget: can't connect to remote host (${response.address}): Connection refused`
          : response.kind === "timeout" ? "wget: download timed out"
            : "wget: error getting response";
      return { stdout: "", stderr: `${progress ? `${progress}\n` : ""}${message}\n`, exitCode: 1 };
    }
    let stderr = quiet ? "" : `${progress} (${response.address}:${port})\n`;
    if (serverResponse) {
      stderr += `  HTTP/${response.httpVersion} ${response.status} ${response.statusText}\n`;
      for (let i = 0; i < response.rawHeaders.length; i += 2) stderr += `  ${response.rawHeaders[i]}: ${response.rawHeaders[i + 1]}\n`;
    }
    if (response.status >= 400) {
      return { stdout: "", stderr: `${stderr}wget: server returned error: HTTP/${response.httpVersion} ${response.status} ${response.statusText}\n`, exitCode: 1 };
    }
    if (spider) return { stdout: "", stderr: quiet ? stderr : `${stderr}remote file exists\n`, exitCode: 0 };
    const file = output ?? (url.pathname.split("/").pop() || "index.html");
    if (file === "-") return { stdout: response.body, stderr: quiet ? stderr : `${stderr}writing to stdout\n`, exitCode: 0 };
    return { stdout: "", stderr: quiet ? stderr : `${stderr}saving to '${file}'\n'${file}' saved\n`, exitCode: 0 };
  },
};
