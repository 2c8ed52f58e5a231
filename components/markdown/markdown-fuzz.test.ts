import fc from "fast-check";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "@/components/step/markdown";

// A denial-of-service bound, not a speed measurement: a note must never stall a page for seconds.
const BOUND_MS = 3_000;

const TOKENS = [">", "> ", "- ", "* ", "+ ", "1. ", "  ", "    ", "\t", "\n", "\n\n", "[", "]", "(", ")", "![", "`", "```", "~~~", "#", "|", "---", "_", "*", "**", "<", "</", "<script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "//evil.example", "/\\evil.example", "http://evil.example/x.png", "&", "\\", "\u0000", "\u202E", "x"];
const markdownish = fc.oneof(
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 400 }).map((t) => t.join("")),
  fc.string({ unit: "binary", maxLength: 400 }),
  fc.tuple(fc.constantFrom(">", "- ", "  - ", "* ", "[", "`", "*", "_", "> - "), fc.integer({ min: 1, max: 10_000 })).map(([t, n]) => t.repeat(n).slice(0, 20_000)),
);

describe("the Markdown renderer under generated notes", () => {
  it("always renders, within the bound, with no image, script or javascript: link", () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        const started = performance.now();
        const html = renderToStaticMarkup(createElement(Markdown, { text }));
        expect(performance.now() - started).toBeLessThan(BOUND_MS);
        expect(html).not.toMatch(/<img|<script|href="\s*javascript:/i);
      }),
      { numRuns: 250 },
    );
  });
});
