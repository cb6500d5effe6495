import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { DemoBanner } from "@/components/demo-banner";
import { currentUserPage } from "@/lib/auth/session";
import { forSelf } from "@/lib/cache/person-cache";
import { env } from "@/lib/config/env";
import { requestLocale } from "@/lib/locale/request";
import { providerById } from "@/lib/providers/registry";
import { personConnections } from "@/lib/connections/person-connections";
import { syncedProviderFrom } from "@/lib/sync/connection-choice";
import "./globals.css";
import { Providers } from "./providers";

// Every page depends on who is signed in; nothing is prerendered at build time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Nightly", template: "%s · Nightly" },
  description: "Your sleep, HRV, breathing rate and nutrition from Google Health or Fitbit, night by night.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [user, locale] = await Promise.all([currentUserPage(), requestLocale()]);
  // Only names the provider in the header and banner: a failed lookup leaves the neutral words.
  const providerId = user ? await forSelf(user.id, "syncedProvider", null, () => personConnections(user.id).then(syncedProviderFrom)).catch(() => null) : null;
  const provider = providerId ? providerById(providerId).copy : null;
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <div className="inner">
            <Link href="/" className="brand">
              Nightly
            </Link>
            <nav className="site-nav" aria-label="Main">
              {user ? (
                <>
                  <Link href="/dashboard">Dashboard</Link>
                  <Link href="/studies">My studies</Link>
                  <Link href="/account">Account</Link>
                  {user.role === "RESEARCHER" || user.role === "ADMIN" ? <Link href="/research">Research</Link> : null}
                  {user.role === "ADMIN" ? <Link href="/admin">Admin</Link> : null}
                </>
              ) : null}
            </nav>
            {user ? (
              <div className="header-user">
                {user.image ? (
                  // eslint-disable-next-line @next/next/no-img-element -- provider-hosted avatar of unknown host
                  <img className="avatar" src={user.image} alt="" width={28} height={28} />
                ) : null}
                <span data-testid="header-name">{user.name ?? (provider ? `Signed in with ${provider.name}` : "Signed in")}</span>
              </div>
            ) : null}
          </div>
        </header>
        {user && env().NIGHTLY_DEMO === "1" ? <DemoBanner name={user.name} provider={provider} /> : null}
        <main id="main">
          <Providers locale={locale}>{children}</Providers>
        </main>
      </body>
    </html>
  );
}
