import type { MetaFunction } from "@remix-run/node";

/**
 * A page reached from a mail link: its own title (`title` in its loader data), never indexed.
 * On its error page there is no loader data: the root's title, which names the error, stays.
 */
export const mailLinkMeta: MetaFunction = ({ data, matches }) => {
  const title = (data as { title?: string } | undefined)?.title;
  const rootTitle = (matches.find((m) => m.id === "root")?.meta ?? []).filter((m) => "title" in m);
  return [...(title ? [{ title }] : rootTitle), { name: "robots", content: "noindex" }];
};
