/**
 * `npm run screenshots`: every participant page at desktop and phone width, light and dark, into
 * docs/screenshots/. Same stack as the e2e suite (or SCREENSHOTS_APP_URL + SCREENSHOTS_EMULATOR_URL
 * to shoot an already running demo).
 */
import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

const external = process.env.SCREENSHOTS_APP_URL;
if (external) {
  process.env.E2E_APP_URL = external;
  process.env.E2E_EMULATOR_URL = process.env.SCREENSHOTS_EMULATOR_URL ?? "http://127.0.0.1:4010";
}

export default defineConfig({
  ...base,
  testDir: "e2e/screens",
  testMatch: "**/*.screens.ts",
  globalSetup: external ? undefined : base.globalSetup,
  timeout: 300_000,
  reporter: [["list"]],
  use: { ...base.use, baseURL: process.env.E2E_APP_URL, screenshot: "off", trace: "off" },
});
