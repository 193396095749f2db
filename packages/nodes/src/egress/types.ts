/** One address a host name resolved to. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (injectable so tests need no DNS). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** How an egress client is configured; every field has a safe default. */
export interface EgressClientOptions {
  /**
   * Destinations allowed even though they are private: host names (`api.internal`,
   * `*.corp.example`), IPs (`10.1.2.3`, `::1`), CIDRs (`10.0.0.0/8`), each optionally narrowed
   * to one port (`127.0.0.1:8080`, `[::1]:8080`, `localhost:3000`).
   */
  allow?: readonly string[];
  /** DNS resolution; defaults to the operating system's resolver (`dns.lookup`). */
  resolve?: Resolver;
  /** Redirects followed before giving up. Default 5. */
  maxRedirects?: number;
  /** Largest decoded response body accepted. Default 5 MiB. */
  maxResponseBytes?: number;
  /** Time limit for a whole request: every hop, headers and body. Default 30 s. */
  timeoutMs?: number;
  /** Sent as `User-Agent` unless the request sets one. */
  userAgent?: string;
}

/** One outbound request. */
export interface EgressRequest {
  url: string;
  /** Default GET. */
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  signal?: AbortSignal;
  /** Overrides the client's time limit for this request. */
  timeoutMs?: number;
  /** Overrides the client's body size cap for this request. */
  maxResponseBytes?: number;
}

/** A fully read response. */
export interface EgressResponse {
  status: number;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** The URL finally answered, after redirects. */
  url: string;
  /** Redirects followed to get here. */
  redirects: number;
  /** The body, decompressed. */
  body: Uint8Array;
  /** The body decoded as text (charset from `Content-Type`, else UTF-8). */
  text(): string;
  /** The body parsed as JSON. */
  json(): unknown;
}

/** The one way Weft makes user-influenced outbound HTTP requests. */
export interface EgressClient {
  request(request: EgressRequest): Promise<EgressResponse>;
  /** Closes idle keep-alive connections. */
  close(): void;
}
