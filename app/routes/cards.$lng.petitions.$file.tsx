import type { LoaderFunctionArgs } from "@remix-run/node";
import { cardSubject, shareCardResponse } from "~/web/share-card-route.server";

/** GET /cards/:lng/petitions/:file.png — the share card (og:image) of a public petition page. */
export const loader = ({ request, params, context }: LoaderFunctionArgs) => shareCardResponse(request, context, params.lng, cardSubject("petition", params.file));
