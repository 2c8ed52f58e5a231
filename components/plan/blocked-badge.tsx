/** The same rose "Blocked" mark everywhere a blocked step or day is listed. */
export function BlockedBadge({ label = "Blocked" }: { label?: string }) {
  return (
    <span className="inline-flex items-center gap-1 rounded-full bg-rose-50 px-2 py-0.5 text-xs font-semibold text-rose-800 ring-1 ring-inset ring-rose-200">
      <span aria-hidden className="h-1.5 w-1.5 rounded-full bg-rose-600" />
      {label}
    </span>
  );
}
