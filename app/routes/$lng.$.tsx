import type { LoaderFunctionArgs } from "@remix-run/node";

/** Any unknown page under a language: the localized 404 from the root error boundary. */
export async function loader(_args: LoaderFunctionArgs) {
  throw new Response(null, { status: 404, statusText: "Not Found" });
}

export default function NotFound() {
  return null;
}
