"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";

const LINKS = [
  { href: "/dashboard", label: "Overview" },
  { href: "/dashboard/sleep", label: "Sleep" },
  { href: "/dashboard/hrv", label: "HRV" },
  { href: "/dashboard/breathing", label: "Breathing" },
  { href: "/dashboard/nutrition", label: "Nutrition" },
] as const;

/** Dashboard sections; the chosen range travels along so a view stays comparable. */
export function SubNav() {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const keep = new URLSearchParams();
  for (const key of ["preset", "from", "to"]) {
    const value = searchParams.get(key);
    if (value) keep.set(key, value);
  }
  const query = keep.toString();
  return (
    <nav className="sub-nav" aria-label="Dashboard">
      {LINKS.map((link) => (
        <Link key={link.href} href={query ? `${link.href}?${query}` : link.href} aria-current={pathname === link.href ? "page" : undefined}>
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
