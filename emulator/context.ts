/**
 * Per-request context passed to every handler. Handlers fill in `endpoint` and `userId` as they
 * learn them; the server records the request (with its final status) when the response closes,
 * so rejected and failed requests are counted too.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Target } from "./http";
import type { EmulatorState } from "./state";

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  state: EmulatorState;
  target: Target;
  /** Absolute origin as the client reached us, e.g. `http://127.0.0.1:4010`. */
  origin: string;
  /** Counter name ("oauth.token.refresh_token", "profile", "sleep.date", …); null = not counted. */
  endpoint: string | null;
  userId: string | null;
}
