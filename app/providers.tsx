"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import { LocaleProvider } from "@/components/locale/locale-provider";

/**
 * One TanStack Query client per browser tab (server components pass first data as initialData), and
 * the locale the server resolved for this request (dates and numbers; see lib/locale).
 */
export function Providers({ locale, children }: { locale: string; children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { staleTime: 60_000, refetchOnWindowFocus: false, retry: 1 } },
      }),
  );
  // Fitbit appends "#_=_" to its OAuth redirect; it means nothing to Nightly, so it leaves the address bar.
  useEffect(() => {
    if (window.location.hash === "#_=_") window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
  }, []);
  return (
    <LocaleProvider locale={locale}>
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </LocaleProvider>
  );
}
