// The part of nginx's configuration language the course uses: server { listen; location; return;
// default_type; proxy_pass; proxy_*_timeout; root; index; try_files; access_log; add_header; include }.
// Unknown directives are kept; syntax errors are reported the way `nginx -t` words them.

export interface Directive {
  name: string;
  args: string[];
  block?: Directive[];
  line: number;
  file: string;
}

export class NginxConfigError extends Error {}

function tokenize(text: string, file: string): Array<{ value: string; line: number; quoted: boolean }> {
  const tokens: Array<{ value: string; line: number; quoted: boolean }> = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "\n") { line++; i++; continue; }
    if (/\s/.test(ch)) { i++; continue; }
    if (ch === "#") { while (i < text.length && text[i] !== "\n") i++; continue; }
    if (ch === "{" || ch === "}" || ch === ";") { tokens.push({ value: ch, line, quoted: false }); i++; continue; }
    if (ch === "'" || ch === '"') {
      const start = line;
      let value = "";
      i++;
      while (i < text.length && text[i] !== ch) {
        if (text[i] === "\\" && i + 1 < text.length) { value += text[i + 1]; i += 2; continue; }
        if (text[i] === "\n") line++;
        value += text[i];
        i++;
      }
      if (i >= text.length) throw new NginxConfigError(`unexpected end of file, expecting ";" or "}" in ${file}:${start}`);
      i++;
      tokens.push({ value, line: start, quoted: true });
      continue;
    }
    let value = "";
    while (i < text.length && !/[\s{};]/.test(text[i]!)) { value += text[i]; i++; }
    tokens.push({ value, line, quoted: false });
  }
  return tokens;
}

export function parseNginx(text: string, file = "nginx.conf"): Directive[] {
  const tokens = tokenize(text, file);
  let pos = 0;
  const block = (nested: boolean): Directive[] => {
    const directives: Directive[] = [];
    while (pos < tokens.length) {
      const token = tokens[pos]!;
      if (token.value === "}" && !token.quoted) {
        if (!nested) throw new NginxConfigError(`unexpected "}" in ${file}:${token.line}`);
        pos++;
        return directives;
      }
      if ((token.value === "{" || token.value === ";") && !token.quoted) throw new NginxConfigError(`unexpected "${token.value}" in ${file}:${token.line}`);
      const directive: Directive = { name: token.value, args: [], line: token.line, file };
      pos++;
      for (;;) {
        const next = tokens[pos];
        if (!next) throw new NginxConfigError(`unexpected end of file, expecting ";" or "}" in ${file}:${token.line}`);
        pos++;
        if (!next.quoted && next.value === ";") break;
        if (!next.quoted && next.value === "{") { directive.block = block(true); break; }
        if (!next.quoted && next.value === "}") throw new NginxConfigError(`unexpected "}" in ${file}:${next.line}`);
        directive.args.push(next.value);
      }
      directives.push(directive);
    }
    if (nested) throw new NginxConfigError(`unexpected end of file, expecting "}" in ${file}:${tokens.at(-1)?.line ?? 1}`);
    return directives;
  };
  return block(false);
}

export interface Location {
  modifier: "=" | "^~" | "~" | "~*" | "";
  path: string;
  directives: Directive[];
}

export interface Server {
  ports: number[];
  directives: Directive[];
  locations: Location[];
}

const KNOWN_IN_LOCATION = new Set(["return", "default_type", "proxy_pass", "proxy_connect_timeout", "proxy_read_timeout",
  "proxy_send_timeout", "proxy_set_header", "proxy_http_version", "root", "index", "try_files", "access_log", "error_log",
  "add_header", "alias", "expires", "gzip", "error_page", "limit_except", "internal", "autoindex", "charset", "types",
  "client_max_body_size", "proxy_buffering", "sendfile", "allow", "deny", "proxy_redirect", "location"]);

function listenPort(args: string[], file: string, line: number): number {
  const spec = args[0] ?? "";
  const match = /(?:^|:)(\d+)$/.exec(spec.replace(/^\[.*\]:/, ":"));
  const port = match ? Number(match[1]) : /^[\w.-]+$/.test(spec) ? 80 : NaN;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new NginxConfigError(`invalid port in "${spec}" of the "listen" directive in ${file}:${line}`);
  return port;
}

/** Servers from a parsed http context (conf.d files are included inside http {}). */
export function serversOf(directives: Directive[]): Server[] {
  const servers: Server[] = [];
  for (const directive of directives) {
    if (directive.name !== "server" || !directive.block) continue;
    const ports: number[] = [];
    const locations: Location[] = [];
    for (const d of directive.block) {
      const file = d.file;
      if (d.name === "listen") ports.push(listenPort(d.args, file, d.line));
      if (d.name === "location") {
        if (!d.block) throw new NginxConfigError(`directive "location" has no opening "{" in ${file}:${d.line}`);
        const [first, second] = d.args;
        const modifier = (["=", "^~", "~", "~*"].includes(first ?? "") ? first : "") as Location["modifier"];
        const locationPath = modifier ? second : first;
        if (locationPath === undefined) throw new NginxConfigError(`invalid number of arguments in "location" directive in ${file}:${d.line}`);
        for (const inner of d.block) {
          if (!KNOWN_IN_LOCATION.has(inner.name)) throw new NginxConfigError(`unknown directive "${inner.name}" in ${file}:${inner.line}`);
        }
        locations.push({ modifier, path: locationPath, directives: d.block });
      }
    }
    servers.push({ ports: ports.length > 0 ? ports : [80], directives: directive.block, locations });
  }
  return servers;
}

/** nginx's location choice: exact, then longest prefix (^~ stops), then regexes in order. */
export function chooseLocation(server: Server, uri: string): Location | undefined {
  const exact = server.locations.find((l) => l.modifier === "=" && l.path === uri);
  if (exact) return exact;
  const prefixes = server.locations.filter((l) => (l.modifier === "" || l.modifier === "^~") && uri.startsWith(l.path))
    .sort((a, b) => b.path.length - a.path.length);
  const longest = prefixes[0];
  if (longest?.modifier === "^~") return longest;
  for (const l of server.locations) {
    if (l.modifier !== "~" && l.modifier !== "~*") continue;
    try {
      if (new RegExp(l.path, l.modifier === "~*" ? "i" : "").test(uri)) return l;
    } catch {
      continue;
    }
  }
  return longest;
}

export function directive(list: Directive[], name: string): Directive | undefined {
  return list.find((d) => d.name === name);
}

/** nginx time units: "2s", "500ms", "1m", or plain seconds */
export function parseDuration(text: string | undefined, fallbackMs: number): number {
  if (!text) return fallbackMs;
  const match = /^(\d+)(ms|s|m|h)?$/.exec(text);
  if (!match) return fallbackMs;
  const n = Number(match[1]);
  return match[2] === "ms" ? n : match[2] === "m" ? n * 60_000 : match[2] === "h" ? n * 3_600_000 : n * 1000;
}
