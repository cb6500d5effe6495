"use server";

import { z } from "zod";
import { deleteAccount } from "@/lib/account/delete-account";
import { deleteMyDataSchema } from "@/lib/api-schemas/account";
import { disconnectProvider } from "@/lib/connections/connections";
import { authenticatedAction } from "@/lib/http/action";
import { FITBIT_PROVIDER_ID } from "@/lib/providers/fitbit/id";

/** Disconnect Fitbit: revoke at Fitbit, delete tokens, end all of the person's sessions. */
export const disconnectFitbit = authenticatedAction(z.object({ confirm: z.literal("yes") }), async (_input, user) => {
  const outcome = await disconnectProvider(user.id, FITBIT_PROVIDER_ID);
  return { outcome };
});

/** Delete my data: revoke at the provider, then delete the person and everything synced. */
export const deleteMyData = authenticatedAction(
  deleteMyDataSchema,
  async (_input, user) => deleteAccount(user.id),
);
