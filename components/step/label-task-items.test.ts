import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";
import { describe, expect, it } from "vitest";
import { labelTaskItems } from "./label-task-items";

const render = (text: string) => renderToStaticMarkup(createElement(ReactMarkdown, { remarkPlugins: [remarkGfm], rehypePlugins: [labelTaskItems] }, text));

describe("labelTaskItems", () => {
  it("names each task-list checkbox after its item, tight or loose, nested or not", () => {
    const html = render("- [x] pods ready\n- [ ] alerts **firing**\n  - [ ] nested one\n\n1. [ ] loose item\n\n2. [x] second");
    expect(html).toContain('aria-label="pods ready"');
    expect(html).toContain('aria-label="alerts firing"');
    expect(html).toContain('aria-label="nested one"');
    expect(html).toContain('aria-label="loose item"');
    expect(html.match(/<input[^>]*type="checkbox"/g)).toHaveLength(5);
    expect(html.match(/<input(?![^>]*aria-label)[^>]*>/g)).toBeNull();
  });

  it("leaves ordinary lists alone", () => {
    expect(render("- plain item")).toBe("<ul>\n<li>plain item</li>\n</ul>");
  });
});
