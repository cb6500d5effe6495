/** Devices → Device rows: battery and the last sync time, local as sent plus the instant. */
import type { FitbitDevices } from "@/lib/providers/fitbit/payloads/devices";
import { localToInstant, type PersonZone } from "./local-time";

export interface DeviceRow {
  providerDeviceId: string;
  deviceVersion: string;
  type: string;
  battery: string;
  batteryLevel: number | null;
  lastSyncLocal: string;
  lastSyncAt: Date;
}

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
