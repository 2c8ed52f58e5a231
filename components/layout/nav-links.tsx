"use client";

import { PageLink } from "./page-link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

export function NavLinks({ links }: { links: { href: string; label: string }[] }) {
  const pathname = usePathname();
  const active = (href: string) =>
    pathname === href || (pathname.startsWith(href + "/") && !links.some((l) => l.href !== href && l.href.startsWith(href) && pathname.startsWith(l.href)));
  return (
    <nav aria-label="Main" className="order-last flex w-full flex-wrap gap-1 text-sm sm:order-none sm:w-auto">
      {links.map((link) => (
        <PageLink
          key={link.href}
          href={link.href}
          aria-current={active(link.href) ? "page" : undefined}
          className={cn(
            "whitespace-nowrap rounded-md px-2 py-1.5 font-medium sm:px-3",
            active(link.href) ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
          )}
        >
          {link.label}
        </PageLink>
      ))}
    </nav>
  );
}
