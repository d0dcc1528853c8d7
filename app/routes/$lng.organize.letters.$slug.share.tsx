import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { SharePage } from "~/components/organize/SharePage";
import { privatePageHeaders } from "~/lib/cache-headers";
import { organizerMeta } from "~/lib/organizer-page";
import { sharePage } from "~/web/share-route.server";

/** Share and embed a letter campaign: the partners' snippet, the public address, the QR code. */
export const loader = (args: LoaderFunctionArgs) => sharePage(args, "letter");

export const headers = privatePageHeaders;
export const meta = organizerMeta;

export default function LetterCampaignShare() {
  return <SharePage {...useLoaderData<typeof loader>()} />;
}
