/** Client fetch for /api/me/** (GET, or POST for a side effect): JSON on success, an Error with the API's plain message otherwise. */
export class ApiError extends Error {
  constructor(
    message: string,
    public readonly status: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export async function fetchJson<T>(path: string, params: Record<string, string>, method: "GET" | "POST" = "GET"): Promise<T> {
  const url = `${path}?${new URLSearchParams(params).toString()}`;
  let response: Response;
  try {
    response = await fetch(url, { method, headers: { Accept: "application/json" }, cache: "no-store" });
  } catch {
    throw new ApiError("Nightly could not be reached. Check your connection and try again.", 0);
  }
  if (!response.ok) {
    let message = "Something went wrong loading this data.";
    try {
      const body = (await response.json()) as { error?: { message?: string; details?: Record<string, string[]> } };
      const detail = body.error?.details ? Object.values(body.error.details).flat()[0] : undefined;
      message = detail ?? body.error?.message ?? message;
    } catch {
      // keep the generic message
    }
    if (response.status === 401) message = "Your session ended. Sign in again to see your data.";
    throw new ApiError(message, response.status);
  }
  return (await response.json()) as T;
}
