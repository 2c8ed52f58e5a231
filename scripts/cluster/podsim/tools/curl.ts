// curl 8 as the course runs it in pods: -f/--fail, -s, -S, -sS, -fsS, -m/--max-time, --connect-timeout,
// -o, -w '%{http_code}', -I, -i, -L, -X, -H, -d, -v, -k, with curl's exit codes and messages
// (6 resolve, 7 connect, 22 HTTP error with -f, 28 timeout, 35 TLS, 52 empty reply, 2 bad usage).
import type { InPodFailure, InPodResponse } from "../net/http-client";
import { expandShortOptions, splitInlineValue, type Tool, type ToolInvocation, type ToolResult } from "./types";

const WITH_VALUE = new Set(["-o", "-w", "-m", "-X", "-H", "-d", "-A", "-u", "-e", "-b", "-c", "-T", "-x", "-r", "-K"]);
const VERSION = "8.9.1";

interface CurlOptions {
  url?: string;
  fail: boolean;
  failWithBody: boolean;
  silent: boolean;
  showError: boolean;
  include: boolean;
  head: boolean;
  location: boolean;
  verbose: boolean;
  output?: string;
  writeOut?: string;
  maxTimeMs?: number;
  connectTimeoutMs?: number;
  method?: string;
  headers: Record<string, string>;
  data?: string;
}

const usage = (message: string): ToolResult => ({
  stdout: "", exitCode: 2,
  stderr: `curl: ${message}\ncurl: try 'curl --help' or 'curl --manual' for more information\n`,
});

function parse(argv: string[]): CurlOptions | ToolResult {
  const o: CurlOptions = { fail: false, failWithBody: false, silent: false, showError: false, include: false, head: false, location: false, verbose: false, headers: {} };
  const args = expandShortOptions(argv, WITH_VALUE);
  for (let i = 0; i < args.length; i++) {
    const [arg, inline] = splitInlineValue(args[i]!);
    const value = () => inline ?? args[++i];
    const seconds = (text: string | undefined) => (text !== undefined && /^\d+(\.\d+)?$/.test(text) ? Math.round(Number(text) * 1000) : undefined);
    switch (arg) {
      case "-f": case "--fail": o.fail = true; break;
      case "--fail-with-body": o.fail = true; o.failWithBody = true; break;
      case "-s": case "--silent": o.silent = true; break;
      case "-S": case "--show-error": o.showError = true; break;
      case "-i": case "--include": o.include = true; break;
      case "-I": case "--head": o.head = true; break;
      case "-L": case "--location": o.location = true; break;
      case "-v": case "--verbose": o.verbose = true; break;
      case "-k": case "--insecure": case "--compressed": case "--http1.1": case "-N": case "--no-buffer": case "-q": break;
      case "-o": case "--output": o.output = value(); break;
      case "-w": case "--write-out": o.writeOut = value(); break;
      case "-m": case "--max-time": {
        const text = value();
        o.maxTimeMs = seconds(text);
        if (o.maxTimeMs === undefined) return usage(`option ${arg}: expected a proper numerical parameter`);
        break;
      }
      case "--connect-timeout": {
        const text = value();
        o.connectTimeoutMs = seconds(text);
        if (o.connectTimeoutMs === undefined) return usage(`option ${arg}: expected a proper numerical parameter`);
        break;
      }
      case "-X": case "--request": o.method = value(); break;
      case "-H": case "--header": {
        const header = value() ?? "";
        const colon = header.indexOf(":");
        if (colon > 0) o.headers[header.slice(0, colon).trim().toLowerCase()] = header.slice(colon + 1).trim();
        break;
      }
      case "-d": case "--data": case "--data-raw": case "--data-binary": case "--json": o.data = value(); break;
      case "-A": case "--user-agent": o.headers["user-agent"] = value() ?? ""; break;
      case "--retry": case "--retry-delay": case "--retry-max-time": value(); break;
      default:
        if (arg.startsWith("-") && arg !== "-") return usage(`option ${arg}: is unknown`);
        o.url ??= arg;
    }
  }
  return o;
}

const METER_HEADER = "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n" +
  "                                 Dload  Upload   Total   Spent    Left  Speed\n";
const METER_START = "\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0";

function progressMeter(bytes: number): string {
  const b = String(bytes).padStart(5);
  return "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n" +
    "                                 Dload  Upload   Total   Spent    Left  Speed\n" +
    `\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\r100 ${b}  100 ${b}    0     0  ${String(bytes * 100).padStart(5)}      0 --:--:-- --:--:-- --:--:-- ${String(bytes * 100).padStart(5)}\n`;
}

function failureText(failure: InPodFailure, url: URL, port: number): { code: number; message: string } {
  const ms = failure.afterMs;
  switch (failure.kind) {
    case "unresolvable": return { code: 6, message: `Could not resolve host: ${url.hostname}` };
    case "refused": return { code: 7, message: `Failed to connect to ${url.hostname} port ${port} after ${ms} ms: Couldn't connect to server` };
    case "tls": return { code: 35, message: "OpenSSL/3.3.2: error:0A00010B:SSL routines::wrong version number" };
    case "empty-reply": return { code: 52, message: "Empty reply from server" };
    case "timeout":
      if (failure.phase === "resolve") return { code: 28, message: `Resolving timed out after ${ms} milliseconds` };
      if (failure.phase === "connect" && failure.byKernel) return { code: 7, message: `Failed to connect to ${url.hostname} port ${port} after ${ms} ms: Couldn't connect to server` };
      if (failure.phase === "connect") return { code: 28, message: `Connection timed out after ${ms} milliseconds` };
      return { code: 28, message: `Operation timed out after ${ms} milliseconds with 0 bytes received` };
  }
}

function writeOut(format: string, values: Record<string, string>): string {
  return format
    .replace(/%\{(\w+)\}/g, (_m, name: string) => values[name] ?? "")
    .replace(/\\n/g, "\n").replace(/\\t/g, "\t").replace(/\\r/g, "\r");
}

function headerBlock(response: InPodResponse): string {
  const lines = [`HTTP/${response.httpVersion} ${response.status} ${response.statusText}`.trimEnd()];
  for (let i = 0; i < response.rawHeaders.length; i += 2) lines.push(`${response.rawHeaders[i]}: ${response.rawHeaders[i + 1]}`);
  return `${lines.join("\r\n")}\r\n\r\n`;
}

export const curl: Tool = {
  async run({ sim, pod, argv }: ToolInvocation): Promise<ToolResult> {
    const parsed = parse(argv);
    if ("exitCode" in parsed) return parsed;
    const o = parsed;
    if (!o.url) return usage("no URL specified");
    let url: URL;
    try {
      url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(o.url) ? o.url : `http://${o.url}`);
    } catch {
      return { stdout: "", stderr: o.silent && !o.showError ? "" : `curl: (3) URL rejected: Malformed input to a URL function\n`, exitCode: 3 };
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      return { stdout: "", stderr: o.silent && !o.showError ? "" : `curl: (1) Protocol "${url.protocol.slice(0, -1)}" not supported\n`, exitCode: 1 };
    }
    const showErrors = !o.silent || o.showError;
    const started = Date.now();
    const method = o.head ? "HEAD" : o.method ?? (o.data !== undefined ? "POST" : "GET");
    const headers: Record<string, string> = { "user-agent": `curl/${VERSION}`, accept: "*/*", ...o.headers };
    if (o.data !== undefined) headers["content-type"] ??= "application/x-www-form-urlencoded";
    let stderr = "";
    let response: InPodResponse | InPodFailure;
    for (let redirects = 0; ; redirects++) {
      const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
      if (o.verbose) stderr += `* Host ${url.hostname}:${port} was resolved.\n*   Trying ${url.hostname}:${port}...\n`;
      const remaining = o.maxTimeMs === undefined ? undefined : Math.max(1, o.maxTimeMs - (Date.now() - started));
      response = await sim.http({
        source: pod, url, method, headers, body: o.data !== undefined ? Buffer.from(o.data) : undefined,
        timeoutMs: remaining, connectTimeoutMs: o.connectTimeoutMs,
      });
      if (response.kind !== "response" || !o.location || response.status < 300 || response.status > 399 || !response.headers.location || redirects >= 50) break;
      url = new URL(response.headers.location, url);
    }
    const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
    const seconds = ((Date.now() - started) / 1000).toFixed(6);
    if (response.kind !== "response") {
      const { code, message } = failureText(response, url, port);
      const out = o.writeOut ? writeOut(o.writeOut, { http_code: "000", response_code: "000", time_total: seconds, size_download: "0", url_effective: url.href, exitcode: String(code), errormsg: message }) : "";
      if (!o.silent && !o.verbose) stderr = `${METER_HEADER}${METER_START}\n${stderr}`;
      return { stdout: out, stderr: `${stderr}${showErrors ? `curl: (${code}) ${message}\n` : ""}`, exitCode: code };
    }
    if (o.verbose) {
      stderr += `* Connected to ${url.hostname} (${response.address}) port ${port}\n> ${method} ${url.pathname}${url.search} HTTP/1.1\n> Host: ${url.host}\n> User-Agent: curl/${VERSION}\n> Accept: */*\n>\n`;
      stderr += headerBlock(response).split("\r\n").filter(Boolean).map((l) => `< ${l}`).join("\n") + "\n<\n";
    }
    const failed = o.fail && response.status >= 400;
    const values = {
      http_code: String(response.status).padStart(3, "0"), response_code: String(response.status), time_total: seconds,
      size_download: String(response.body.length), url_effective: url.href, content_type: String(response.headers["content-type"] ?? ""),
      remote_ip: response.address, exitcode: failed ? "22" : "0",
    };
    let body: Buffer = Buffer.alloc(0);
    if (!failed || o.failWithBody) {
      const head = o.head || o.include ? Buffer.from(headerBlock(response)) : Buffer.alloc(0);
      body = Buffer.concat([head, o.head ? Buffer.alloc(0) : response.body]);
    }
    const toStdout = o.output === undefined || o.output === "-" ? body : Buffer.alloc(0);
    const stdout = Buffer.concat([toStdout, Buffer.from(o.writeOut ? writeOut(o.writeOut, values) : "")]);
    if (!o.silent && !o.verbose) stderr = progressMeter(response.body.length) + stderr;
    if (failed) {
      return { stdout, stderr: `${stderr}${showErrors ? `curl: (22) The requested URL returned error: ${response.status}\n` : ""}`, exitCode: 22 };
    }
    return { stdout, stderr, exitCode: 0 };
  },
};
