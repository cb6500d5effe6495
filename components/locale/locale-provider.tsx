"use client";

import { createContext, useContext, type ReactNode } from "react";
import { formatterFor, type Formatter } from "@/lib/locale/format";
import { DEFAULT_LOCALE } from "@/lib/locale/resolve";

const LocaleContext = createContext<string>(DEFAULT_LOCALE);

/** Hands the locale the server resolved for this request to client components (never a module global: requests differ). */
export function LocaleProvider({ locale, children }: { locale: string; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

/** Dates and numbers in the person's locale (client components; server components use requestFormatter). */
export function useFormat(): Formatter {
  return formatterFor(useContext(LocaleContext));
}
