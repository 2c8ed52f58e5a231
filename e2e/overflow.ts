import type { Page } from "@playwright/test";

/**
 * What on the page is wider than the viewport, clipped past its box's edge, or scrolls sideways
 * without showing a scrollbar. An empty list means everything fits or visibly scrolls.
 */
export async function overflowProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.classList.length ? `.${[...el.classList].slice(0, 3).join(".")}` : ""} "${(el.textContent ?? "").trim().slice(0, 40)}"`;
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width + 1) problems.push(`the page is ${document.documentElement.scrollWidth}px wide in a ${width}px viewport`);
    const isScroller = (s: CSSStyleDeclaration) => s.overflowX === "auto" || s.overflowX === "scroll";
    const isClipper = (s: CSSStyleDeclaration) => s.overflowX === "hidden" || s.overflowX === "clip";
    for (const el of document.body.querySelectorAll("*")) {
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      if (box.width === 0 || style.visibility === "hidden" || style.position === "fixed") continue;
      if (isScroller(style) && el.scrollWidth > el.clientWidth + 1 && style.scrollbarWidth !== "thin") {
        problems.push(`${describe(el)} scrolls sideways with no visible scrollbar`);
      }
      if (box.right > width + 1) {
        // Inside a sideways scroller or clipped by an ancestor: judged at that ancestor instead.
        let ancestor = el.parentElement;
        let handled = false;
        while (ancestor && ancestor !== document.body) {
          const s = getComputedStyle(ancestor);
          if (isScroller(s)) { handled = true; break; }
          if (isClipper(s)) break;
          ancestor = ancestor.parentElement;
        }
        if (!handled) problems.push(`${describe(el)} reaches ${Math.round(box.right)}px, past the ${width}px viewport`);
      }
      // Clipped by an overflow:hidden box (not an ellipsis, not screen-reader-only text).
      const parent = el.parentElement;
      if (parent && box.width > 1 && box.height > 1) {
        const ps = getComputedStyle(parent);
        if (isClipper(ps) && ps.textOverflow !== "ellipsis" && box.right > parent.getBoundingClientRect().right + 1 && style.position !== "absolute") {
          problems.push(`${describe(el)} is cut off by ${describe(parent)}`);
        }
      }
    }
    return [...new Set(problems)].slice(0, 10);
  });
}
