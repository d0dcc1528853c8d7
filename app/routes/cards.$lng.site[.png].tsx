import type { LoaderFunctionArgs } from "@remix-run/node";
import { cardSubject, shareCardResponse } from "~/web/share-card-route.server";

/** GET /cards/:lng/site.png — the card of the pages without their own: the home question and a headline figure. */
export const loader = ({ request, params, context }: LoaderFunctionArgs) => shareCardResponse(request, context, params.lng, cardSubject("site", undefined));
