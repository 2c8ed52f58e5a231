import type { ReactNode } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { MarkdownBoundary } from "@/components/markdown/boundary";
import { isRemoteUrl, markdownNesting, MAX_MARKDOWN_NESTING, safeMarkdownUrl } from "@/lib/markdown/nesting";
import { labelTaskItems } from "./label-task-items";

const REMOTE_REL = "nofollow noopener noreferrer ugc";

// Notes never load anything: an image is shown as a link to it, and remote links say where they go.
const components: Components = {
  img: ({ src, alt }) => {
    const href = typeof src === "string" ? safeMarkdownUrl(src) : "";
    const label = `Image: ${alt || href || "no address"}`;
    return href ? <a href={href} rel={REMOTE_REL}>{label}</a> : <span>{label}</span>;
  },
  a: ({ href, children }) => (isRemoteUrl(href) ? <a href={href} rel={REMOTE_REL}>{children}</a> : <a href={href}>{children}</a>),
};

function PlainText({ text, reason }: { text: string; reason: string }) {
  return (
    <div className="text-sm leading-relaxed text-slate-800" data-testid="markdown-plain">
      <p className="mb-2 text-xs text-slate-600">{reason}</p>
      <pre className="whitespace-pre-wrap break-words font-sans">{text}</pre>
    </div>
  );
}

/**
 * Renders a note or a course document. react-markdown never renders raw HTML, and links are limited
 * to http(s), mailto and Daybook's own paths, so a note cannot inject script. Text nested too deeply
 * is shown as plain text before any parsing, and a renderer failure on the server (here) or in the
 * browser (the boundary) falls back to plain text too.
 */
export function Markdown({ text }: { text: string }) {
  if (markdownNesting(text) > MAX_MARKDOWN_NESTING) {
    return <PlainText text={text} reason={`Shown as plain text: nested more than ${MAX_MARKDOWN_NESTING} levels deep.`} />;
  }
  const fallback = <PlainText text={text} reason="Shown as plain text: this Markdown could not be formatted." />;
  let rendered: ReactNode;
  try {
    // Called directly, so parsing happens here and its errors can be caught during a server render too.
    rendered = ReactMarkdown({ children: text, remarkPlugins: [remarkGfm], rehypePlugins: [labelTaskItems], urlTransform: safeMarkdownUrl, components });
  } catch {
    return fallback;
  }
  return (
    <MarkdownBoundary fallback={fallback}>
      <div className="prose-note text-sm leading-relaxed text-slate-800">{rendered}</div>
    </MarkdownBoundary>
  );
}
