import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600">That page is not part of the plan. Day numbers run 1 to 20 and steps from 1.1 to 20.2.</p>
      <Link href="/plan" className="mt-6 inline-block font-medium text-brand-700 underline">Back to the plan</Link>
    </div>
  );
}
