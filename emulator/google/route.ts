/** What a Health API route gets after the core has authenticated, rate-limited and scope-checked. */
import type { View } from "../data/history";
import type { GooglePerson } from "./people";
import type { HealthArea } from "./scopes";
import type { Point } from "./points";
import type { PagingSettings } from "./state";

export interface GoogleRequest {
  g: GooglePerson;
  view: View;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Raw request body (POST routes). */
  body: string;
  nowMs: number;
  paging: PagingSettings;
  /** Points the person deleted (control API `google/users/{id}/delete-data`): no longer served. */
  isDeleted: (kebab: string, p: Point) => boolean;
}

export interface GoogleRoute {
  /** Counter name, e.g. `google.sleep.list`. */
  name: string;
  method: "GET" | "POST";
  /** Anchored on the raw pathname; the `user` group is checked by the core. */
  pattern: RegExp;
  /** "any": any Health read scope (identity). */
  scope: HealthArea | "any";
  /** Query parameters the method binds; any other is 400 (Google's "Cannot bind"). */
  queryParams: readonly string[];
  handle(req: GoogleRequest): unknown;
}

/** `^/v4/users/{user}/` + rest + `$`; `:` may arrive percent-encoded. */
export function v4(rest: string): RegExp {
  return new RegExp(`^/v4/users/(?<user>[^/]+)/${rest.replace(/:/g, "(?::|%3A|%3a)")}$`);
}
