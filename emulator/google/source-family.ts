/** `dataSourceFamily` (reference §3.4, §9): which points a reconcile or rollup request sees. */
import { RpcException } from "./errors";
import type { Point } from "./points";

const FAMILIES = ["all-sources", "google-wearables", "google-sources", "self-sources"] as const;

/** `dataSourceFamily`: a short name or `users/{user}/dataSourceFamilies/{name}`. */
export function sourceFamily(raw: string | null | undefined): (p: Point) => boolean {
  if (raw === null || raw === undefined || raw === "") return () => true;
  const name = /^users\/[^/]+\/dataSourceFamilies\/([a-z-]+)$/.exec(raw)?.[1] ?? raw;
  if (!(FAMILIES as readonly string[]).includes(name)) {
    throw new RpcException({
      code: 400,
      status: "INVALID_ARGUMENT",
      message: `Invalid data source family: ${raw}`,
      details: [
        {
          "@type": "type.googleapis.com/google.rpc.ErrorInfo",
          reason: "INVALID_DATA_POINT_DATA_SOURCE_FAMILY",
          domain: "health.googleapis.com",
        },
        {
          "@type": "type.googleapis.com/google.rpc.BadRequest",
          fieldViolations: [
            { field: "data_source_family", description: `Unknown data source family '${name}'.` },
          ],
        },
      ],
    });
  }
  if (name === "self-sources") return () => false; // this client wrote nothing
  if (name === "google-wearables") return (p) => !p.manual;
  return () => true;
}
