import { describe, expect, it } from "vitest";
import { organizerNav } from "~/modules/organizer/organizer-nav";

const sections = (items: ReturnType<typeof organizerNav>) => items.map((item) => item.section);

describe("the organizer workspace's navigation", () => {
  it("shows each role the sections it may open, in one order", () => {
    expect(sections(organizerNav("viewer", "en", "/en/organize"))).toEqual(["campaigns", "targets", "facts", "leads", "alerts"]);
    expect(sections(organizerNav("organizer", "en", "/en/organize"))).toEqual(["campaigns", "targets", "facts", "leads", "alerts"]);
    expect(sections(organizerNav("admin", "ar", "/ar/organize"))).toEqual(["campaigns", "targets", "facts", "leads", "alerts", "people", "organizers", "partners", "audit", "apiKeys", "webhooks", "trustedDomains"]);
    expect(organizerNav("admin", "ar", "/ar/organize").map((item) => item.href)).toEqual([
      "/ar/organize",
      "/ar/organize/targets",
      "/ar/organize/countries",
      "/ar/organize/leads",
      "/ar/organize/alerts",
      "/ar/organize/people",
      "/ar/organize/organizers",
      "/ar/organize/partners",
      "/ar/organize/audit",
      "/ar/organize/api-keys",
      "/ar/organize/webhooks",
      "/ar/organize/trusted-domains",
    ]);
  });

  it.each([
    ["/en/organize", "campaigns", "page"],
    ["/en/organize/", "campaigns", "page"],
    ["/en/organize/petitions/stop/edit", "campaigns", "true"],
    ["/en/organize/letters/write/moderation", "campaigns", "true"],
    ["/en/organize/targets", "targets", "page"],
    ["/en/organize/targets/new", "targets", "true"],
    ["/en/organize/countries/fra", "facts", "true"],
    ["/en/organize/leads", "leads", "page"],
    ["/en/organize/alerts", "alerts", "page"],
    ["/en/organize/audit", "audit", "page"],
    ["/en/organize/people", "people", "page"],
    ["/en/organize/webhooks/0b6d2c1e-8f1a-4c1e-9a53-1f2a3b4c5d6e", "webhooks", "true"],
  ])("marks %s as within %s (%s), and nothing else", (pathname, section, current) => {
    const items = organizerNav("admin", "en", pathname);
    expect(items.filter((item) => item.current)).toEqual([expect.objectContaining({ section, current })]);
  });

  it("marks nothing on a page of no section", () => {
    expect(organizerNav("admin", "en", "/en/organize/targets-and-more").filter((item) => item.current)).toEqual([]);
  });
});
