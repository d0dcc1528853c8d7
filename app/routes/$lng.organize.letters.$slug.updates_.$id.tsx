import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { UpdateDetailPage } from "~/components/updates/UpdatesPages";
import { privatePageHeaders } from "~/lib/cache-headers";
import { organizerMeta } from "~/lib/organizer-page";
import { updateDetailAction, updateDetailLoader } from "~/web/updates-route.server";

/** One update of a letter campaign: the audience's size, previews, a test, send now or at a time, cancel. */
export const loader = (args: LoaderFunctionArgs) => updateDetailLoader(args, "letter");
export const action = (args: ActionFunctionArgs) => updateDetailAction(args, "letter");

export const headers = privatePageHeaders;
export const meta = organizerMeta;

export default function LetterUpdate() {
  const loaded = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  return <UpdateDetailPage {...loaded} failed={failed} />;
}
