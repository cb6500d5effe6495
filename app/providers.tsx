"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";

/** One TanStack Query client per browser tab (server components pass first data as initialData). */
export function Providers({ children }: { children: ReactNode }) {
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
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
