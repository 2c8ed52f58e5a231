export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-br from-brand-50 via-slate-50 to-emerald-50 px-4 py-10">
      <div className="w-full max-w-md">{children}</div>
    </main>
  );
}
