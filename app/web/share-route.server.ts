import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireLanguage } from "../lib/i18n/route-language.server";
import { pageTitle, serverT } from "../lib/i18n/translate.server";
import { campaignToShare } from "../modules/share/campaign-share.service.server";
import { CAMPAIGN_SEGMENT, type EmbedKind } from "../modules/share/embed-protocol";
import { campaignPageUrl, embedCode, embedLanguage, embedSnippet, embedUrl, readEmbedCodes } from "../modules/share/embed-snippet";
import { qrCodeSvg, qrFileName } from "../modules/share/qr-code.server";
import { requireOrganizer } from "./organizer-session.server";

const notFound = () => new Response(null, { status: 404, statusText: "Not Found" });

/** An organizer, and the campaign they share: every role may (it changes nothing); a stranger goes to sign in. */
async function sharedCampaign({ request, params, context }: LoaderFunctionArgs, kind: EmbedKind) {
  const lng = requireLanguage(params);
  await requireOrganizer(request, context, lng, "read_dashboards");
  const campaign = await campaignToShare(context.db, kind, params.slug ?? "");
  if (!campaign) throw notFound();
  return { lng, campaign, base: `/${lng}/organize/${CAMPAIGN_SEGMENT[kind]}/${campaign.slug}` };
}

/**
 * The "Share and embed" page: the snippet for the language and codes the GET
 * form asked for (an invalid code is shown with its error and left out), the
 * public address, and where the QR code is drawn.
 */
export async function sharePage(args: LoaderFunctionArgs, kind: EmbedKind) {
  const { lng, campaign, base } = await sharedCampaign(args, kind);
  const query = new URL(args.request.url).searchParams;
  const embedLng = embedLanguage(query.get("language"), lng);
  const { codes, errors } = readEmbedCodes({ ref: query.get("ref"), partner: query.get("partner") });
  const kept = { ref: errors.ref ? "" : codes.ref, partner: errors.partner ? "" : codes.partner };
  const request = { origin: args.context.config.server.publicUrl, kind, slug: campaign.slug, lng: embedLng, ...kept };
  return {
    lng,
    kind,
    slug: campaign.slug,
    status: campaign.status,
    dashboard: base,
    embedLng,
    typed: codes,
    errors,
    snippet: embedSnippet(request, serverT(embedLng)(`share:embed.frameTitle.${kind}`)),
    embedPreview: embedUrl(request),
    pageUrl: campaignPageUrl(request),
    qrPath: `${base}/qr.svg${kept.ref ? `?ref=${encodeURIComponent(kept.ref)}` : ""}`,
    title: pageTitle(lng, "organizeShare:title"),
  };
}

/**
 * The QR code of the campaign's public address in the organizer's language
 * (with `?ref=` when valid), as an SVG file to download; the share page shows
 * the same file inline.
 */
export async function qrCodeDownload(args: LoaderFunctionArgs, kind: EmbedKind): Promise<Response> {
  const { lng, campaign } = await sharedCampaign(args, kind);
  const ref = embedCode(new URL(args.request.url).searchParams.get("ref"));
  const svg = await qrCodeSvg(campaignPageUrl({ origin: args.context.config.server.publicUrl, kind, slug: campaign.slug, lng, ref }));
  return new Response(svg, {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Content-Disposition": `attachment; filename="${qrFileName(kind, campaign.slug, ref)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
