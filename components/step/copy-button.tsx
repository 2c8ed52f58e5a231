"use client";

import { useState } from "react";

/** Copies text in one click; falls back to selecting a hidden textarea where the Clipboard API is unavailable. */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const area = document.createElement("textarea");
      area.value = text;
      document.body.append(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  }
  return (
    <button
      type="button"
      onClick={copy}
      aria-label={`${label}: ${text.length > 60 ? text.slice(0, 60) + "…" : text}`}
      className="shrink-0 rounded-md border border-slate-600 px-2 py-0.5 text-xs text-slate-200 hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-brand-500"
    >
      <span aria-live="polite">{copied ? "Copied" : label}</span>
    </button>
  );
}
