/**
 * A small OSDI 1.1 client written from the specification alone (HAL+JSON, the Action Network
 * dialect): it knows an entry URL and a token, finds everything else by following `_links` by
 * rel, and pages by following `_links.next`. It imports nothing of the app on purpose.
 */

export interface HalResource {
  _links?: Record<string, { href: string } | { href: string }[] | unknown>;
  _embedded?: Record<string, HalResource[]>;
  [field: string]: unknown;
}

export class OsdiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { error?: string; description?: string; request_type?: string },
  ) {
    super(`OSDI ${status}: ${body.error ?? "?"} ${body.description ?? ""}`);
  }
}

export class OsdiClient {
  constructor(
    readonly entryUrl: string,
    private readonly token: string,
  ) {}

  async request(method: "GET" | "POST", url: string, body?: unknown): Promise<{ status: number; headers: Headers; json: HalResource }> {
    const response = await fetch(url, {
      method,
      headers: { "OSDI-API-Token": this.token, Accept: "application/hal+json", ...(body === undefined ? {} : { "Content-Type": "application/hal+json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as HalResource;
    return { status: response.status, headers: response.headers, json };
  }

  async get(url: string): Promise<HalResource> {
    const answer = await this.request("GET", url);
    if (answer.status !== 200) throw new OsdiError(answer.status, answer.json as never);
    return answer.json;
  }

  async post(url: string, body: unknown): Promise<HalResource> {
    const answer = await this.request("POST", url, body);
    if (answer.status !== 200 && answer.status !== 201) throw new OsdiError(answer.status, answer.json as never);
    return answer.json;
  }

  entry(): Promise<HalResource> {
    return this.get(this.entryUrl);
  }

  /** The href of a link relation (`osdi:people`, `self`, `next`…), or null. */
  static href(resource: HalResource, rel: string): string | null {
    const link = resource._links?.[rel];
    if (!link || Array.isArray(link)) return null;
    return (link as { href?: string }).href ?? null;
  }

  async follow(resource: HalResource, rel: string, query: Record<string, string> = {}): Promise<HalResource> {
    const href = OsdiClient.href(resource, rel);
    if (!href) throw new Error(`No link ${rel}`);
    const url = new URL(href);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    return this.get(url.toString());
  }

  /**
   * Every item of the collection behind `rel` of `resource`, page by page through `_links.next`;
   * `onPage` runs after each page (the sync tests change data there).
   */
  async all(resource: HalResource, rel: string, query: Record<string, string> = {}, onPage?: (page: HalResource, n: number) => Promise<void>): Promise<HalResource[]> {
    const items: HalResource[] = [];
    let page = await this.follow(resource, rel, query);
    for (let n = 1; ; n++) {
      items.push(...(page._embedded?.[rel] ?? []));
      if (onPage) await onPage(page, n);
      const next = OsdiClient.href(page, "next");
      if (!next) return items;
      page = await this.get(next);
    }
  }

  /** An item's own identifier in `system` (`treatywatch:…`). */
  static identifier(resource: HalResource, system: string): string | null {
    const ids = (resource.identifiers as string[] | undefined) ?? [];
    return ids.find((id) => id.startsWith(`${system}:`)) ?? null;
  }
}
