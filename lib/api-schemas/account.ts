/** "Delete my data": the words a person types to confirm (shared by the form and the action). */
import { z } from "zod";

export const DELETE_CONFIRMATION = "delete my data";

export const deleteMyDataSchema = z.object({
  confirm: z.string().max(100).trim().toLowerCase().pipe(z.literal(DELETE_CONFIRMATION, { message: `Type "${DELETE_CONFIRMATION}" to confirm.` })),
});
