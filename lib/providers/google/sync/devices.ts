import "server-only";
import { zoneOffsetMs } from "@/lib/providers/local-time";
import type { DeviceRow } from "@/lib/providers/model";
import type { FetchContext, FetchResult } from "@/lib/providers/types";
import { pointIdOf, wallTime } from "../normalize";
import { pairedDevicesPageSchema, type GooglePairedDevice } from "../schemas";

/** A person has a handful of devices; more pages than this means the API is looping. */
const MAX_PAGES = 10;

/**
 * Google's paired devices as Nightly's device rows: the last sync as an instant and as the
 * person's wall time (what Fitbit's devices.json gave). A device without a sync time is left out:
 * it has never delivered data, so there is nothing to say about it.
 */
export function normalizePairedDevices(devices: GooglePairedDevice[], zone: FetchContext["zone"]): DeviceRow[] {
  return devices.flatMap((device) => {
    const id = pointIdOf(device);
    if (!id || !device.lastSyncTime) return [];
    const at = new Date(device.lastSyncTime);
    const offsetSeconds = zone.timezone ? zoneOffsetMs(zone.timezone, at.getTime()) / 1000 : (zone.utcOffsetMs ?? 0) / 1000;
    return [
      {
        providerDeviceId: id,
        deviceVersion: device.deviceVersion ?? "Unknown device",
        type: device.deviceType ?? "TRACKER",
        battery: device.batteryStatus ?? "Unknown",
        batteryLevel: device.batteryLevel ?? null,
        lastSyncLocal: wallTime(device.lastSyncTime, offsetSeconds),
        lastSyncAt: at,
      },
    ];
  });
}

/** `users/me/pairedDevices` (settings scope), every page. */
export async function fetchGoogleDevices(ctx: FetchContext): Promise<FetchResult> {
  const devices: GooglePairedDevice[] = [];
  let token = "";
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = new URLSearchParams({ pageSize: "100", ...(token ? { pageToken: token } : {}) });
    const answer = await ctx.http.get(`/v4/users/me/pairedDevices?${query.toString()}`, pairedDevicesPageSchema);
    devices.push(...(answer.pairedDevices ?? []));
    token = answer.nextPageToken ?? "";
    if (!token) break;
  }
  const rows = normalizePairedDevices(devices, ctx.zone);
  return { hadData: rows.length > 0, batches: [{ kind: "devices", rows }] };
}

