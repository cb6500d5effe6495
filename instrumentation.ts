/**
 * Runs once when a Next.js server process starts. Node-only work lives in
 * instrumentation-node.ts so the Edge build never sees it.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    await import("./instrumentation-node");
  }
}
