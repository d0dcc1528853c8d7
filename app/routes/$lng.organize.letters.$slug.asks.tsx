import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AsksEditPage } from "~/components/organize/AsksEditPage";
import { privatePageHeaders } from "~/lib/cache-headers";
import { organizerMeta } from "~/lib/organizer-page";
import { campaignAsksAction, campaignAsksLoader } from "~/web/campaign-asks-route.server";

/** What this campaign asks of a country, per country status, in each language it is offered in. */
export async function loader(args: LoaderFunctionArgs) {
  return campaignAsksLoader(args, "letter_campaign");
}

export async function action(args: ActionFunctionArgs) {
  return campaignAsksAction(args, "letter_campaign");
}

export const headers = privatePageHeaders;
export const meta = organizerMeta;

export default function Asks() {
  return <AsksEditPage loaded={useLoaderData<typeof loader>()} failed={useActionData<typeof action>()} />;
}
