/** Devices → Device rows: battery and the last sync time, local as sent plus the instant. */
import type { FitbitDevices } from "@/lib/providers/fitbit/payloads/devices";
import { localToInstant, type PersonZone } from "@/lib/providers/local-time";
import type { DeviceRow } from "@/lib/providers/model";

export function normalizeDevices(devices: FitbitDevices, zone: PersonZone): DeviceRow[] {
  return devices.map((device) => ({
    providerDeviceId: device.id,
    deviceVersion: device.deviceVersion,
    type: device.type,
    battery: device.battery,
    batteryLevel: device.batteryLevel ?? null,
    lastSyncLocal: device.lastSyncTime,
    lastSyncAt: localToInstant(device.lastSyncTime, zone).at,
  }));
}

export type { DeviceRow };
