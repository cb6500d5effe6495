/**
 * `dataTypes/{type}/dataPoints` list and `:reconcile` for every emulated type, and
 * `:dailyRollUp` for nutrition-log and hydration-log (reference §3.1–§3.5, §9). Reconciled items
 * carry `dataPointName` instead of `name` and no `dataSource`; a reconciled sleep lists each
 * stage summary twice, as the live capture does (reference §8).
 */
import { invalidArgument, RpcException } from "../errors";
import { sourceFamily } from "../source-family";
import { parseFilter } from "../filter";
import { decodeToken, encodeToken, listPage, pageSizeOf, requestKey } from "../paging";
import { DATA_TYPES, type DataTypeSpec, type Point } from "../points";
import { type GoogleRequest, type GoogleRoute, v4 } from "../route";
import { dailyRollUp, ROLLUP_TYPES } from "./rollup";

function page(spec: DataTypeSpec, req: GoogleRequest, method: "list" | "reconcile") {
  const filterText = req.query.get("filter");
  const filter = parseFilter(filterText, spec.members, spec.allowOr);
  const size = pageSizeOf(req.query.get("pageSize"), spec);
  const family = method === "reconcile" ? req.query.get("dataSourceFamily") : null;
  const fromFamily = sourceFamily(family);
  const keep = (p: Point) => fromFamily(p) && !req.isDeleted(spec.kebab, p);
  const key = requestKey([
    spec.kebab,
    method,
    req.g.healthUserId,
    filterText ?? "",
    size,
    family ?? "",
  ]);
  const cursor = decodeToken(req.query.get("pageToken"), key);
  const scanDays = spec.kebab === "sleep" ? req.paging.sleepScanDays : req.paging.scanDays;
  const result = listPage(
    spec,
    req.g,
    req.view,
    filter,
    keep,
    size,
    cursor,
    scanDays,
    req.paging.forceEmptyPages,
  );
  return {
    points: result.points,
    nextPageToken: result.next ? encodeToken(key, result.next) : null,
  };
}

/** proto3 JSON leaves an empty list out; the live API still writes `nextPageToken: ""` on a
 * last page that has points, and `{}` for an empty last page. */
function envelope(items: unknown[], nextPageToken: string | null) {
  const out: Record<string, unknown> = {};
  if (items.length > 0) out.dataPoints = items;
  if (nextPageToken !== null) out.nextPageToken = nextPageToken;
  else if (items.length > 0) out.nextPageToken = "";
  return out;
}

function listRoute(spec: DataTypeSpec): GoogleRoute {
  return {
    name: `google.${spec.kebab}.list`,
    method: "GET",
    pattern: v4(`dataTypes/${spec.kebab}/dataPoints`),
    scope: spec.scope,
    queryParams: ["filter", "pageSize", "pageToken"],
    handle(req) {
      const { points, nextPageToken } = page(spec, req, "list");
      const items = points.map((p) => ({
        ...(p.name ? { name: p.name } : {}),
        dataSource: p.dataSource,
        ...p.data,
      }));
      return envelope(items, nextPageToken);
    },
  };
}

function reconciled(p: Point): Record<string, unknown> {
  const data = structuredClone(p.data);
  const sleep = data.sleep as { summary?: { stagesSummary?: unknown[] } } | undefined;
  if (sleep?.summary?.stagesSummary) {
    sleep.summary.stagesSummary = [...sleep.summary.stagesSummary, ...sleep.summary.stagesSummary];
  }
  return { ...(p.name ? { dataPointName: p.name } : {}), ...data };
}

function reconcileRoute(spec: DataTypeSpec): GoogleRoute {
  return {
    name: `google.${spec.kebab}.reconcile`,
    method: "GET",
    pattern: v4(`dataTypes/${spec.kebab}/dataPoints:reconcile`),
    scope: spec.scope,
    queryParams: ["filter", "pageSize", "pageToken", "dataSourceFamily"],
    handle(req) {
      const { points, nextPageToken } = page(spec, req, "reconcile");
      return envelope(points.map(reconciled), nextPageToken);
    },
  };
}

/** Any other `dataTypes/...` path: an unknown or unemulated type, or a method the type lacks. */
const otherDataPoints: GoogleRoute = {
  name: "google.dataPoints.unsupported",
  method: "GET",
  pattern:
    /^\/v4\/users\/(?<user>[^/]+)\/dataTypes\/(?<type>[^/]+)\/dataPoints(?<method>(?::|%3A|%3a)[A-Za-z]+)?(?:\/[^/]+)?$/,
  scope: "any",
  queryParams: ["filter", "pageSize", "pageToken", "dataSourceFamily"],
  handle(req) {
    const type = req.params.type ?? "";
    if (!DATA_TYPES.some((t) => t.kebab === type)) {
      const snake = type.includes("_");
      throw new RpcException({
        code: 400,
        status: "INVALID_ARGUMENT",
        message: snake
          ? `Invalid data type collection: '${type}'. Data types in paths are kebab-case.`
          : `Data type '${type}' is not supported by this emulator.`,
        details: [
          {
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            reason: snake
              ? "INVALID_PARENT_DATA_TYPE_COLLECTION_FORMAT"
              : "INVALID_PARENT_DATA_TYPE_COLLECTION",
            domain: "health.googleapis.com",
          },
        ],
      });
    }
    throw invalidArgument(
      "name",
      `Method not supported for data type '${type}'.`,
      `The requested method is not supported for data type '${type}'.`,
    );
  },
};

export const dataPointRoutes: GoogleRoute[] = [
  ...DATA_TYPES.flatMap((spec) => [listRoute(spec), reconcileRoute(spec)]),
  ...ROLLUP_TYPES.map((spec) => dailyRollUp(spec)),
];

/** Matched last, after every specific route. */
export const fallbackRoutes: GoogleRoute[] = [
  otherDataPoints,
  { ...otherDataPoints, method: "POST" },
];
