import { describe, expect, it } from "vitest";
import { socialMeta, type PageSocial } from "../../../app/lib/share/social-meta";

const social: PageSocial = { description: "Where each country stands.", image: "/cards/ar/site.png", imageAlt: "The question", type: "website" };
const root = { id: "root", data: { lng: "ar", publicUrl: "https://treaty.example", resources: { common: { siteName: "Treaty Watch" } } } };
const tags = (data: unknown) => socialMeta({ data, matches: [root, { id: "routes/$lng.privacy", data }], location: { pathname: "/ar/privacy" } });
const content = (list: ReturnType<typeof tags>, key: string) =>
  list.filter((tag) => ("property" in tag && tag.property === key) || ("name" in tag && tag.name === key)).map((tag) => ("content" in tag ? tag.content : undefined));

describe("link preview tags", () => {
  it("state the page with absolute addresses from the public URL, its locale and the other languages'", () => {
    const list = tags({ title: "الخصوصية · Treaty Watch", social });
    expect(list).toContainEqual({ title: "الخصوصية · Treaty Watch" });
    expect(list).toContainEqual({ tagName: "link", rel: "canonical", href: "https://treaty.example/ar/privacy" });
    expect(content(list, "og:url")).toEqual(["https://treaty.example/ar/privacy"]);
    expect(content(list, "og:image")).toEqual(["https://treaty.example/cards/ar/site.png"]);
    expect(content(list, "twitter:image")).toEqual(["https://treaty.example/cards/ar/site.png"]);
    expect(content(list, "og:locale")).toEqual(["ar_AR"]);
    expect(content(list, "og:locale:alternate")).toEqual(["en_US", "fr_FR", "es_ES", "ru_RU", "zh_CN"]);
    expect(content(list, "og:site_name")).toEqual(["Treaty Watch"]);
    expect(content(list, "twitter:card")).toEqual(["summary_large_image"]);
    expect(content(list, "og:image:width")).toEqual(["1200"]);
    expect(content(list, "og:image:height")).toEqual(["630"]);
  });

  it("leave a page without `social` with its title only, and an error page with nothing", () => {
    expect(tags({ title: "Signed" })).toEqual([{ title: "Signed" }]);
    expect(tags(undefined)).toEqual([]);
  });
});
