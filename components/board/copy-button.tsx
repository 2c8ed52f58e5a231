"use client";

import { useState } from "react";
import { cn } from "@/lib/utils";

function fallbackCopy(text: string): boolean {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand("copy");
  } finally {
    area.remove();
  }
}

/** Copies `text`; `context` completes the name for screen readers: "Copy link" + " to join Team Atlas". */
export function CopyButton({ text, context, className }: { text: string; context: string; className?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    let ok = false;
    try {
      await navigator.clipboard.writeText(text);
      ok = true;
    } catch {
      ok = fallbackCopy(text);
    }
    setState(ok ? "copied" : "failed");
    setTimeout(() => setState("idle"), 2000);
  }
  return (
    <>
      <button
        type="button"
        onClick={copy}
        className={cn(
          "inline-flex shrink-0 items-center rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600",
          className,
        )}
      >
        {state === "copied" ? <span aria-hidden className="mr-1.5 text-emerald-700">✓</span> : null}
        {state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : "Copy link"}
        <span className="sr-only"> {context}</span>
      </button>
      <span role="status" className="sr-only">
        {state === "copied" ? "Link copied" : state === "failed" ? "Could not copy; select the link and copy it by hand" : ""}
      </span>
    </>
  );
}
