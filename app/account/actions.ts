"use server";

import { z } from "zod";
import { deleteAccount } from "@/lib/account/delete-account";
import { deleteMyDataSchema } from "@/lib/api-schemas/account";
import { disconnectProvider } from "@/lib/connections/connections";
import { authenticatedAction } from "@/lib/http/action";
import { FITBIT_PROVIDER_ID } from "@/lib/providers/fitbit/id";
import { GOOGLE_HEALTH_PROVIDER_ID } from "@/lib/providers/google/id";

const disconnectSchema = z.object({
  confirm: z.literal("yes"),
  provider: z.enum([GOOGLE_HEALTH_PROVIDER_ID, FITBIT_PROVIDER_ID]).default(FITBIT_PROVIDER_ID),
});

/** Disconnect a provider: revoke at that provider, delete tokens, end all of the person's sessions. */
export const disconnectConnection = authenticatedAction(disconnectSchema, async (input, user) => {
  const outcome = await disconnectProvider(user.id, input.provider);
  return { outcome };
});

/** Delete my data: revoke at the provider, then delete the person and everything synced. */
export const deleteMyData = authenticatedAction(
  deleteMyDataSchema,
  async (_input, user) => deleteAccount(user.id),
);
