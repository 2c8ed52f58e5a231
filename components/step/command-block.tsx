"use client";

import { CopyButton } from "./copy-button";

// A client component for its payload: the page sends each block's commands once, instead of the rendered block's
// element tree with every command twice (the text and its copy button's): a tenth of a step page's flight data, a quarter of the troubleshooting page's.
export function CommandBlock({ commands, language }: { commands: string[]; language: "bash" | "sql" | "none" }) {
  const runnable = commands.filter((c) => !c.trim().startsWith("#"));
  return (
    <div className="min-w-0 overflow-hidden rounded-lg bg-slate-900 text-sm text-slate-100">
      <div className="flex items-center justify-between border-b border-slate-700 px-3 py-1.5 text-xs text-slate-300">
        <span>{language === "sql" ? "SQL" : "Shell"}</span>
        {runnable.length > 1 ? <CopyButton text={runnable.join("\n")} label="Copy all" /> : null}
      </div>
      <ul className="divide-y divide-slate-800">
        {commands.map((command, i) => {
          const isComment = command.trim().startsWith("#");
          return (
            <li key={i} className="flex items-start gap-3 px-3 py-2">
              {/* Long commands wrap rather than hide past the edge; the copy button copies them whole. */}
              <pre className={`min-w-0 flex-1 whitespace-pre-wrap break-words font-mono [overflow-wrap:anywhere] ${isComment ? "text-slate-400" : ""}`}>
                {language === "bash" && !isComment ? <span className="select-none text-emerald-400">$ </span> : null}
                <code>{command}</code>
              </pre>
              {isComment ? null : <CopyButton text={command} />}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
