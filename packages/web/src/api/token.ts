const KEY = 'weft.token';

/** The API token the UI sends as `Authorization: Bearer`, kept in this browser only. */
export function getToken(): string | undefined {
  try {
    return localStorage.getItem(KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function setToken(token: string | undefined): void {
  try {
    if (token) localStorage.setItem(KEY, token);
    else localStorage.removeItem(KEY);
  } catch {
    // Storage may be disabled (private mode): the token then lasts for this page only.
  }
}
