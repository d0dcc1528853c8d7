import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { UpdatesListPage } from "~/components/updates/UpdatesPages";
import { privatePageHeaders } from "~/lib/cache-headers";
import { organizerMeta } from "~/lib/organizer-page";
import { updatesListAction, updatesListLoader } from "~/web/updates-route.server";

/** The updates of a petition: the figures of each, and the form of a new one. */
export const loader = (args: LoaderFunctionArgs) => updatesListLoader(args, "petition");
export const action = (args: ActionFunctionArgs) => updatesListAction(args, "petition");

export const headers = privatePageHeaders;
export const meta = organizerMeta;

export default function PetitionUpdates() {
  const loaded = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  return <UpdatesListPage {...loaded} failed={failed} />;
}
