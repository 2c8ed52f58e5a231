import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { Markdown } from "@/components/step/markdown";
import { markdownNesting } from "@/lib/markdown/nesting";

const render = (text: string) => renderToStaticMarkup(createElement(Markdown, { text }));

describe("rendering notes as Markdown", () => {
  it("shows 19,990 nested quotes as plain text instead of overflowing the stack", () => {
    const html = render(">".repeat(19_990));
    expect(html).toContain('data-testid="markdown-plain"');
    expect(html).toContain("nested more than 16 levels deep");
  });

  it("shows deeply nested lists as plain text, and keeps ordinary nesting formatted", () => {
    const deep = Array.from({ length: 2_000 }, (_, i) => `${"  ".repeat(i)}- level ${i}`).join("\n");
    expect(render(deep)).toContain('data-testid="markdown-plain"');
    const normal = "- a\n  - b\n    - c\n\n> quoted\n> > twice\n\n```yaml\n" + `${" ".repeat(60)}deep: yaml\n` + "```";
    expect(markdownNesting(normal)).toBeLessThan(5);
    expect(render(normal)).toMatch(/<li>a\s*<ul>\s*<li>b/);
  });

  it("never loads an image: images become links, and //host counts as remote", () => {
    const html = render("![logo](https://evil.example/x.png) ![local](/favicon.svg) ![rel](//evil.example/y.png) [a](//evil.example/z) [b](/\\evil.example/w) [c](javascript:alert(1)) [d](/plan/day/3)");
    expect(html).not.toContain("<img");
    expect(html).toContain('<a href="https://evil.example/x.png" rel="nofollow noopener noreferrer ugc">Image: logo</a>');
    expect(html).toContain('<a href="http://evil.example/y.png" rel="nofollow noopener noreferrer ugc">Image: rel</a>');
    expect(html).toContain('<a href="http://evil.example/z" rel="nofollow noopener noreferrer ugc">a</a>');
    // The parser percent-encodes the backslash, so this one stays on Daybook's own origin.
    expect(html).toContain('<a href="/%5Cevil.example/w">b</a>');
    expect(html).not.toContain("javascript:");
    expect(html).toContain('<a href="/plan/day/3">d</a>');
  });

  it("falls back to plain text when the renderer throws", async () => {
    vi.resetModules();
    vi.doMock("react-markdown", () => ({
      default: () => {
        throw new RangeError("Maximum call stack size exceeded");
      },
    }));
    const { Markdown: Broken } = await import("@/components/step/markdown");
    const html = renderToStaticMarkup(createElement(Broken, { text: "# hello <b>" }));
    expect(html).toContain("could not be formatted");
    expect(html).toContain("# hello &lt;b&gt;");
    vi.doUnmock("react-markdown");
  });
});
