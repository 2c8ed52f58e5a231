/** Deeper than this, a note is shown as plain text: nobody writes it by hand, and it is how a note stalls or crashes a renderer. */
export const MAX_MARKDOWN_NESTING = 16;

// The container markers a line can open with: block quotes, list bullets and ordered-list numbers.
const CONTAINER = /^(?:>|[-*+](?=\s)|\d{1,9}[.)](?=\s))/;

/**
 * How deeply `text` nests block containers, estimated in one pass without parsing: per line, the
 * block-quote and list markers it starts with, plus its indentation in steps of two columns.
 */
export function markdownNesting(text: string): number {
  let deepest = 0;
  let fence: string | null = null;
  for (const line of text.split("\n")) {
    // Code blocks nest nothing, however deeply their YAML is indented.
    const fenceMark = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = null;
      continue;
    }
    if (fenceMark) {
      fence = fenceMark;
      continue;
    }
    let depth = 0;
    let rest = line;
    for (;;) {
      const indent = /^[ \t]*/.exec(rest)![0];
      const marker = CONTAINER.exec(rest.slice(indent.length));
      if (!marker) break;
      depth += Math.floor(indent.replace(/\t/g, "    ").length / 2) + 1;
      rest = rest.slice(indent.length + marker[0].length);
    }
    if (depth > deepest) deepest = depth;
    if (deepest > MAX_MARKDOWN_NESTING) return deepest;
  }
  return deepest;
}

const OWN = "http://daybook.invalid";

/**
 * Links a note may carry: http(s) and mailto (absolute, normalized), fragments, and Daybook's own
 * absolute paths. `//host` and `/\host` are other hosts, so they come back as absolute remote URLs.
 */
export function safeMarkdownUrl(url: string): string {
  if (url.startsWith("#")) return url;
  if (!/^(https?:|mailto:|\/)/i.test(url.trim())) return "";
  let parsed: URL;
  try {
    parsed = new URL(url, OWN);
  } catch {
    return "";
  }
  if (parsed.origin === OWN) return parsed.pathname.replace(/^\/+/, "/") + parsed.search + parsed.hash;
  return ["http:", "https:", "mailto:"].includes(parsed.protocol) ? parsed.href : "";
}

export const isRemoteUrl = (url: string | undefined) => Boolean(url && /^(https?:|mailto:)/i.test(url));
