import type { LoaderFunctionArgs } from "@remix-run/node";
import { cardSubject, shareCardResponse } from "~/web/share-card-route.server";

/** GET /cards/:lng/letters/:file.png — the share card (og:image) of a public letter page. */
export const loader = ({ request, params, context }: LoaderFunctionArgs) => shareCardResponse(request, context, params.lng, cardSubject("letter", params.file));
