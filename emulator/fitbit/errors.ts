/**
 * Fitbit-dialect responses: the exact content type and error envelope (reference §0, §4).
 */
import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import { send } from "../http";
import { fitbitErrorBody } from "../types";

/** Content type as captured from the real API. */
export const FITBIT_JSON = "application/json;charset=UTF-8";

export type HeaderMap = Record<string, string | number>;

/** Sends an already-serialised Fitbit JSON body (the refresh replay needs byte-identical bytes). */
export function sendFitbitRaw(
  res: ServerResponse,
  status: number,
  body: string,
  headers: HeaderMap = {},
): void {
  send(res, status, body, { "content-type": FITBIT_JSON, ...headers });
}

export function sendFitbitJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: HeaderMap = {},
): void {
  sendFitbitRaw(res, status, JSON.stringify(value), headers);
}

export function sendFitbitError(
  res: ServerResponse,
  status: number,
  errorType: string,
  message: string,
  options: { fieldName?: string; headers?: HeaderMap } = {},
): void {
  sendFitbitJson(
    res,
    status,
    fitbitErrorBody(errorType, message, options.fieldName),
    options.headers,
  );
}

/** The real 500 body carries an opaque error id like `AC4516A4:…`. */
export function serverErrorBody() {
  const id = `${randomBytes(4).toString("hex")}:${randomBytes(8).toString("hex")}`.toUpperCase();
  return fitbitErrorBody(
    "request",
    `An error occurred with the Fitbit Web API while processing the request. Error id: ${id}`,
    "500",
  );
}

/** 503 body. UNCONFIRMED: no capture exists; shaped like the 429 `system` error. */
export function unavailableBody() {
  return fitbitErrorBody("system", "Service Unavailable", "n/a");
}

/** What every legacy endpoint answers once the API is switched off. */
export const RETIRED_MESSAGE = "The Fitbit Web API has been turned off. Use the Google Health API.";

export function sendRetired(res: ServerResponse): void {
  sendFitbitError(res, 410, "request", RETIRED_MESSAGE);
}
