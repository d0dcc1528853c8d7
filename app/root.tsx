import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useRouteLoaderData,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { useEffect, useMemo, type ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { ErrorPage, errorMessageKey } from "./components/ErrorPage";
import { SiteFooter } from "./components/SiteFooter";
import { SiteHeader } from "./components/SiteHeader";
import { createI18n } from "./lib/i18n/instance";
import { DEFAULT_LANGUAGE, isSupportedLanguage, LANGUAGE_COOKIE, LANGUAGE_COOKIE_MAX_AGE_S, namespacesFor, pathInLanguage, SUPPORTED_LANGUAGES, textDirection, textSetOf } from "./lib/i18n/languages";
import { languageFromQuery } from "./lib/i18n/query-language.server";
import { pageResources } from "./lib/i18n/resources.server";
import { useNonce } from "./lib/nonce";
import { routeHandle } from "./lib/route-handle";
import type { SignedInBadge } from "./modules/organizer/organizer-nav";
import { currentOrganizer } from "./web/organizer-session.server";
import stylesheet from "./styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  const common = data?.resources.common as { siteName?: string; errors?: Record<string, string> } | undefined;
  const siteName = common?.siteName ?? "Treaty Watch";
  if (!error) return [{ title: siteName }];
  const key = errorMessageKey(isRouteErrorResponse(error) ? error.status : 500);
  return [{ title: `${common?.errors?.[key] ?? key} · ${siteName}` }];
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  // Pages without a language prefix (mail links, the embed) may name one in `?lng=`;
  // pages under an unknown prefix still need a language for their 404 page.
  const lng = isSupportedLanguage(params.lng) ? params.lng : languageFromQuery(request);
  const { pathname } = new URL(request.url);
  // The organizer area's texts and bar only for a signed-in organizer (a stranger's 404 there is a public page).
  const signedIn = textSetOf(pathname) === "organize" ? await currentOrganizer(request, context) : null;
  return {
    lng,
    dir: textDirection(lng),
    resources: pageResources(lng, namespacesFor(pathname, signedIn !== null)),
    publicUrl: context.config.server.publicUrl,
    organizer: signedIn ? ({ email: signedIn.email, role: signedIn.role, csrf: signedIn.csrfToken } satisfies SignedInBadge) : null,
  };
}

/**
 * The texts sent differ between public pages, the sign-in pages and the organizer area: fetch
 * them again when crossing over (signing in and out are actions, after which Remix does anyway).
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, defaultShouldRevalidate }) =>
  textSetOf(currentUrl.pathname) !== textSetOf(nextUrl.pathname) || defaultShouldRevalidate;

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

function LanguageAlternates({ publicUrl }: { publicUrl: string }) {
  const { pathname, search } = useLocation();
  if (!isSupportedLanguage(pathname.split("/")[1])) return null;
  return (
    <>
      {SUPPORTED_LANGUAGES.map((lng) => (
        <link key={lng} rel="alternate" hrefLang={lng} href={`${publicUrl}${pathInLanguage(pathname, search, lng)}`} />
      ))}
      <link rel="alternate" hrefLang="x-default" href={`${publicUrl}/`} />
    </>
  );
}

/**
 * The browser remembers the language of the page in view for the next visit to `/`: public pages
 * are one copy for everyone in shared caches and set no cookie (server/app.ts sets it on private
 * pages only). Without JavaScript, `/` goes by Accept-Language.
 */
function RememberLanguage() {
  const { pathname } = useLocation();
  const lng = pathname.split("/")[1];
  useEffect(() => {
    if (!isSupportedLanguage(lng)) return;
    const current = document.cookie.split(";").find((pair) => pair.trim().startsWith(`${LANGUAGE_COOKIE}=`));
    if (current?.trim() === `${LANGUAGE_COOKIE}=${lng}`) return;
    document.cookie = `${LANGUAGE_COOKIE}=${lng}; path=/; max-age=${LANGUAGE_COOKIE_MAX_AGE_S}; samesite=lax`;
  }, [lng]);
  return null;
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRootData();
  const nonce = useNonce();
  const lng = data?.lng ?? DEFAULT_LANGUAGE;
  const resources = data?.resources;
  const i18n = useMemo(() => createI18n(lng, resources ?? {}), [lng, resources]);
  // Pages meant for an iframe on partner sites (the embed) come without our header and footer.
  const bare = useMatches().some((m) => routeHandle(m.handle).bare);
  return (
    <html lang={lng} dir={textDirection(lng)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {data ? <LanguageAlternates publicUrl={data.publicUrl} /> : null}
      </head>
      <body>
        <I18nextProvider i18n={i18n}>
          {bare ? null : <SiteHeader lng={lng} />}
          <main id="main" tabIndex={-1} className={bare ? "bare" : undefined}>
            {children}
          </main>
          {bare ? null : <SiteFooter lng={lng} />}
        </I18nextProvider>
        <RememberLanguage />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

/** Errors outside the language pages (which have their own boundary, so the root's data and texts are there). */
export function ErrorBoundary() {
  return <ErrorPage />;
}
