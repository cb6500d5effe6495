/** `GET /1/user/{user}/devices.json` (§10.2, scope settings): a bare array. */
import { devicesFor } from "../../data/devices";
import { ok, path, route } from "./common";

export const deviceRoutes = [
  route("devices", "settings", path("1", "devices\\.json"), (req) =>
    ok(devicesFor(req.person, req.nowMs)),
  ),
];
