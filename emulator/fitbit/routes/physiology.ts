/**
 * HRV (§6, scope heartrate) and breathing rate (§7, scope respiratory_rate). Both have the same
 * four endpoints: a date, a range (max 30 days), and the `all.json` intraday forms of each.
 * A range lists only dates with data (§6); no data is `{"hrv":[]}` / `{"br":[]}`. Intraday needs
 * an app allowed intraday access (Personal or approved), else 403 (body UNCONFIRMED, §6).
 */
import { visiblePhysiology } from "../../data/history";
import type { Physiology } from "../../data/physiology";
import {
  fitbitErrorBody,
  type DataRequest,
  type DataResponse,
  type FitbitScope,
} from "../../types";
import {
  daysOf,
  ok,
  param,
  path,
  resolveDate,
  resolveRange,
  route,
  seg,
  segNotAll,
  viewFor,
} from "./common";

const RANGE_MAX = 30;

const INTRADAY_DENIED: DataResponse = {
  status: 403,
  body: fitbitErrorBody(
    "insufficient_scope",
    "This application does not have permission to access intraday data.",
  ),
};

function metricRoutes(
  key: "hrv" | "br",
  scope: FitbitScope,
  summary: (p: Physiology) => unknown,
  intraday: (p: Physiology) => unknown,
) {
  const select = (req: DataRequest, days: number[], pick: (p: Physiology) => unknown) => {
    const view = viewFor(req);
    const items = days.map((d) => pick(visiblePhysiology(view, d))).filter((x) => x !== null);
    return ok({ [key]: items });
  };
  const single = (req: DataRequest, pick: (p: Physiology) => unknown) =>
    select(req, [resolveDate(viewFor(req), param(req, "date"))], pick);
  const range = (req: DataRequest, pick: (p: Physiology) => unknown) =>
    select(
      req,
      daysOf(resolveRange(viewFor(req), param(req, "start"), param(req, "end"), RANGE_MAX)),
      pick,
    );
  const guard = (handler: (req: DataRequest) => DataResponse) => (req: DataRequest) =>
    req.intradayAllowed ? handler(req) : INTRADAY_DENIED;

  return [
    route(`${key}.date`, scope, path("1", `${key}/date/${seg("date")}\\.json`), (req) =>
      single(req, summary),
    ),
    route(
      `${key}.range`,
      scope,
      path("1", `${key}/date/${seg("start")}/${segNotAll("end")}\\.json`),
      (req) => range(req, summary),
    ),
    route(
      `${key}.intraday.date`,
      scope,
      path("1", `${key}/date/${seg("date")}/all\\.json`),
      guard((req) => single(req, intraday)),
    ),
    route(
      `${key}.intraday.range`,
      scope,
      path("1", `${key}/date/${seg("start")}/${seg("end")}/all\\.json`),
      guard((req) => range(req, intraday)),
    ),
  ];
}

export const hrvRoutes = metricRoutes(
  "hrv",
  "heartrate",
  (p) => p.hrv,
  (p) => p.hrvIntraday,
);

export const brRoutes = metricRoutes(
  "br",
  "respiratory_rate",
  (p) => p.br,
  (p) => p.brIntraday,
);
