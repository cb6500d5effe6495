"use server";
import { z } from "zod";
import { authenticatedAction } from "@/lib/http/action";
import { requestManualSync } from "./manual";

/** Server action behind the "Sync now" button. */
export const syncNowAction = authenticatedAction(z.object({}).loose(), async (_input, user) =>
  requestManualSync(user.id),
);
