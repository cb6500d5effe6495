/**
 * The Fitbit data endpoints served from the synthetic people (emulator/data). The core matches
 * these in order after authenticating, rate limiting and checking each route's scope; patterns
 * are anchored and mutually exclusive, so order does not matter. Route names are what the
 * control API counts requests by.
 */
import type { DataRoute } from "../types";
import { deviceRoutes } from "./routes/devices";
import { foodRoutes } from "./routes/foods";
import { brRoutes, hrvRoutes } from "./routes/physiology";
import { sleepRoutes } from "./routes/sleep";

export const fitbitDataRoutes: DataRoute[] = [
  ...sleepRoutes,
  ...hrvRoutes,
  ...brRoutes,
  ...foodRoutes,
  ...deviceRoutes,
];
