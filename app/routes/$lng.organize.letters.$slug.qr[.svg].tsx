import type { LoaderFunctionArgs } from "@remix-run/node";
import { qrCodeDownload } from "~/web/share-route.server";

/** The QR code of a letter campaign's public address, for flyers and posters (organizers only). */
export const loader = (args: LoaderFunctionArgs) => qrCodeDownload(args, "letter");
