"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useMemo, useState } from "react";
import { saveCohortCalendar } from "@/lib/actions/save-cohort-calendar";
import { courseDates, type CourseCalendar } from "@/lib/calendar/course-calendar";
import { formatDate, isValidDate } from "@/lib/calendar/dates";
import { Button } from "@/components/ui/button";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function timeZones(current: string): string[] {
  const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return [...new Set(["UTC", current, ...all])];
}

/** The course calendar: start date, working weekdays, holidays and time zone, with the 20 course days it gives. */
export function CalendarForm({ cohortId, initial }: { cohortId: string; initial: CourseCalendar }) {
  const id = useId();
  const router = useRouter();
  const [startDate, setStartDate] = useState(initial.startDate);
  const [weekdays, setWeekdays] = useState(initial.weekdays);
  const [holidays, setHolidays] = useState(initial.holidays.join("\n"));
  const [timeZone, setTimeZone] = useState(initial.timeZone);
  const zones = useMemo(() => timeZones(initial.timeZone), [initial.timeZone]);
  const save = useMutation({
    mutationFn: async () => {
      const result = await saveCohortCalendar({ cohortId, startDate, weekdays, holidays, timeZone });
      if (!result.ok) throw new Error(Object.values(result.fieldErrors ?? {})[0]?.[0] ?? result.message ?? "The calendar was not saved.");
    },
    onSuccess: () => router.refresh(),
  });
  const preview = isValidDate(startDate) ? courseDates({ startDate, weekdays, holidays: holidays.split(/[\s,;]+/).filter(isValidDate), timeZone }) : [];
  const changed = () => save.reset();
  return (
    <form
      className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <div className="space-y-4">
        <div>
          <label htmlFor={`${id}-start`} className="block text-sm font-medium text-slate-800">
            Start date
          </label>
          <input id={`${id}-start`} type="date" required value={startDate} onChange={(e) => { setStartDate(e.target.value); changed(); }} className="mt-1 block rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm" />
          <p className="mt-1 text-xs text-slate-600">Day 1 is the first working day on or after it.</p>
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Working days</legend>
          <div className="mt-1 flex flex-wrap gap-3">
            {WEEKDAYS.map((label, i) => (
              <label key={label} className="flex items-center gap-1.5 text-sm text-slate-800">
                <input
                  type="checkbox"
                  className="h-4 w-4 rounded border-slate-300"
                  checked={weekdays.includes(i + 1)}
                  onChange={(e) => {
                    setWeekdays(e.target.checked ? [...weekdays, i + 1].sort() : weekdays.filter((d) => d !== i + 1));
                    changed();
                  }}
                />
                {label}
              </label>
            ))}
          </div>
        </fieldset>
        <div>
          <label htmlFor={`${id}-holidays`} className="block text-sm font-medium text-slate-800">
            Holidays
          </label>
          <textarea id={`${id}-holidays`} rows={4} value={holidays} onChange={(e) => { setHolidays(e.target.value); changed(); }} placeholder={"2027-01-06\n2027-04-02"} className="mt-1 block w-full max-w-xs rounded-lg border border-slate-300 bg-white px-3 py-2 font-mono text-sm shadow-sm" aria-describedby={`${id}-holidays-hint`} />
          <p id={`${id}-holidays-hint`} className="mt-1 text-xs text-slate-600">One date per line (YYYY-MM-DD): working days the cohort does not work.</p>
        </div>
        <div>
          <label htmlFor={`${id}-zone`} className="block text-sm font-medium text-slate-800">
            Time zone
          </label>
          <select id={`${id}-zone`} value={timeZone} onChange={(e) => { setTimeZone(e.target.value); changed(); }} className="mt-1 block max-w-xs rounded-lg border border-slate-300 bg-white py-2 pl-3 pr-8 text-sm shadow-sm">
            {zones.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
          <p className="mt-1 text-xs text-slate-600">Where the cohort&apos;s days begin and end.</p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save calendar"}
          </Button>
          <span role="status" className="text-sm">{save.isSuccess ? <span className="font-medium text-emerald-800">✓ Saved</span> : null}</span>
          {save.isError ? (
            <p role="alert" className="text-sm text-rose-700">
              {save.error.message}
            </p>
          ) : null}
        </div>
      </div>
      <div>
        <h2 className="text-sm font-medium text-slate-800">The 20 course days</h2>
        {preview.length ? (
          <ol className="mt-1 grid grid-cols-1 gap-x-4 text-sm text-slate-700 sm:grid-cols-2" data-testid="calendar-preview">
            {preview.map((d, i) => (
              <li key={d} className="flex gap-2 tabular-nums">
                <span className="w-14 font-medium text-slate-900">Day {i + 1}</span>
                {formatDate(d)}
              </li>
            ))}
          </ol>
        ) : (
          <p className="mt-1 text-sm text-slate-600">Pick a start date and at least one working day.</p>
        )}
      </div>
    </form>
  );
}
