import type { Element, ElementContent, Root } from "hast";

const textOf = (nodes: ElementContent[]): string =>
  nodes.map((n) => (n.type === "text" ? n.value : n.type === "element" && n.tagName !== "ul" && n.tagName !== "ol" ? textOf(n.children) : "")).join("");

/**
 * Rehype plugin: a GFM task list's checkbox gets its item's text as its accessible name, so a screen
 * reader says "pods ready, checked" rather than an unlabelled checkbox.
 */
export function labelTaskItems() {
  return (tree: Root) => {
    const walk = (node: Root | Element) => {
      for (const child of node.children) {
        if (child.type !== "element") continue;
        if (child.tagName === "li") {
          const box = child.children.find((c): c is Element => c.type === "element" && c.tagName === "input" && c.properties.type === "checkbox");
          const paragraph = child.children.find((c): c is Element => c.type === "element" && c.tagName === "p");
          const box2 = paragraph?.children.find((c): c is Element => c.type === "element" && c.tagName === "input" && c.properties.type === "checkbox");
          const input = box ?? box2;
          const label = textOf(child.children).trim();
          if (input && label) input.properties.ariaLabel = label;
        }
        walk(child);
      }
    };
    walk(tree);
  };
}
