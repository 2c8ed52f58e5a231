import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { loadCourse } from "@/lib/course/load";

export const metadata: Metadata = { title: "Support" };

export default async function SupportPage() {
  await requireActor();
  const { contacts } = loadCourse();
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Support and escalation</h1>
        <p className="mt-1 text-slate-600">Who to call when the plan and the troubleshooting reference are not enough.</p>
      </header>
      <div className="grid gap-4 md:grid-cols-3">
        {contacts.map((c) => (
          <Card key={c.team} className="p-5">
            <h2 className="font-semibold">{c.team}</h2>
            <dl className="mt-3 space-y-2 text-sm">
              <div><dt className="text-slate-600">Email</dt><dd><a className="text-brand-700 underline" href={`mailto:${c.email}`}>{c.email}</a></dd></div>
              <div><dt className="text-slate-600">Phone</dt><dd><a className="text-brand-700 underline" href={`tel:${c.phone.replace(/[^\d+]/g, "")}`}>{c.phone}</a></dd></div>
              <div><dt className="text-slate-600">Hours</dt><dd>{c.hours}</dd></div>
            </dl>
          </Card>
        ))}
      </div>
    </div>
  );
}
