import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireApiCaller } from "~/web/api-caller.server";
import { halJson, osdiUrls } from "~/web/api-osdi.server";
import { API_ROOT, CURIES } from "~/modules/api/osdi-resources.server";

/** GET /api/osdi/v1 — the entry point: what this API offers, as links (any valid key). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireApiCaller(request, context, null);
  const base = `${osdiUrls(request, context).api}${API_ROOT}`;
  return halJson({
    motd: "Treaty Watch OSDI API (Action Network v2 dialect). See docs/api.md.",
    vendor_name: "Treaty Watch",
    product_name: "Treaty Watch",
    osdi_version: "1.1.1",
    max_pagesize: 1000,
    namespace: "treatywatch",
    _links: {
      self: { href: base },
      curies: CURIES,
      "osdi:petitions": { href: `${base}/petitions`, title: "The collection of petitions" },
      "osdi:advocacy_campaigns": { href: `${base}/advocacy_campaigns`, title: "The collection of letter campaigns" },
      "osdi:people": { href: `${base}/people`, title: "The collection of people" },
      "osdi:webhooks": { href: `${base}/webhooks`, title: "The collection of webhook subscriptions" },
    },
  });
}
