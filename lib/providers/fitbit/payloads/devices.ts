/** `GET /1/user/-/devices.json` (reference §10.2): a bare array, `[]` without devices. */
import { z } from "zod";
import { int32 } from "@/lib/providers/payload-primitives";
import { fitbitLocalDateTime } from "./sleep";

export const devicesSchema = z.array(
  z.looseObject({
    id: z.string().min(1),
    deviceVersion: z.string(),
    type: z.string(),
    battery: z.string(),
    batteryLevel: int32.optional(),
    lastSyncTime: fitbitLocalDateTime,
  }),
);
export type FitbitDevices = z.infer<typeof devicesSchema>;
