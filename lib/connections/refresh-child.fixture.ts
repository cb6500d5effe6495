export {};

/**
 * Test fixture: refreshes one person's token in a child process and stops dead between Fitbit's
 * answer and the database commit, so the test can SIGKILL it exactly there. Prints "answered"
 * once the token endpoint has answered. Started with `--conditions=react-server --import tsx`.
 */
const [userId] = process.argv.slice(2);
if (!userId) throw new Error("usage: refresh-child.fixture.ts <userId>");

const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const response = await realFetch(input, init);
  const url = input instanceof Request ? input.url : String(input);
  if (url.endsWith("/oauth2/token")) {
    await response.clone().text(); // Fitbit has rotated the pair now
    process.stdout.write("answered\n");
    await new Promise(() => {}); // never commit: the parent kills this process here
  }
  return response;
};

const tokens = await import("./token-manager");
const grant = await tokens.getAccessToken(userId);
await tokens.refreshAfterRejection(grant);
process.stdout.write("committed\n");
