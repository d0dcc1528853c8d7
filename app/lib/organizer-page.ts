import type { MetaFunction } from "@remix-run/node";

/** Organizer pages: their own title, never indexed. */
export const organizerMeta: MetaFunction = ({ data }) => [{ title: (data as { title?: string } | undefined)?.title }, { name: "robots", content: "noindex" }];
