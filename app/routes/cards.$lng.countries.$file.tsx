import type { LoaderFunctionArgs } from "@remix-run/node";
import { cardSubject, shareCardResponse } from "~/web/share-card-route.server";

/** GET /cards/:lng/countries/:file.png — the share card (og:image) of a public country page. */
export const loader = ({ request, params, context }: LoaderFunctionArgs) => shareCardResponse(request, context, params.lng, cardSubject("country", params.file));
