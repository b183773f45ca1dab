// The same-origin HTTP API (see the API contract): nothing else is fetched.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export async function getJson(path, params) {
  const qs = params ? new URLSearchParams(params).toString() : '';
  const res = await fetch(qs ? `${path}?${qs}` : path, { headers: { Accept: 'application/json' } });
  if (!res.ok) {
    let code = 'http_' + res.status;
    let message = res.statusText;
    try {
      const body = await res.json();
      if (body && body.error) ({ code, message } = body.error);
    } catch {
      /* not JSON */
    }
    throw new ApiError(res.status, code, message);
  }
  return res.json();
}

/** Non-empty filter values as query parameters. */
export function filterParams(filters) {
  const p = {};
  for (const [k, v] of Object.entries(filters)) if (v != null && String(v).trim() !== '') p[k] = String(v).trim();
  return p;
}
