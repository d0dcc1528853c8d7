import { parse, type DefaultTreeAdapterMap } from "parse5";
import { headerColumns, NO_HEADER, type RowsRead } from "./depositary-rows";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

/** Tags whose text runs on into its neighbours' (`C<b>ô</b>te`); any other tag's text is set apart by a space (`Azerbaijan<sup>1</sup>`). */
const INLINE = new Set(["a", "abbr", "b", "em", "font", "i", "small", "span", "strong", "u"]);
const SKIPPED = new Set(["script", "style", "template"]);

function isElement(node: Node): node is Element {
  return "tagName" in node;
}

function children(node: Node): Node[] {
  return "childNodes" in node ? node.childNodes : [];
}

function textOf(node: Node): string {
  if (node.nodeName === "#text") return (node as DefaultTreeAdapterMap["textNode"]).value;
  if (!isElement(node) && node.nodeName !== "#document" && node.nodeName !== "#document-fragment") return "";
  if (isElement(node) && SKIPPED.has(node.tagName)) return "";
  const inner = children(node).map(textOf).join("");
  return isElement(node) && !INLINE.has(node.tagName) ? ` ${inner} ` : inner;
}

/** The elements of a tag below a node, not looking inside a nested table. */
function findAll(node: Node, tagName: string, into: Element[] = []): Element[] {
  for (const child of children(node)) {
    if (!isElement(child)) continue;
    if (child.tagName === tagName) into.push(child);
    if (child.tagName !== "table") findAll(child, tagName, into);
  }
  return into;
}

/**
 * The rows of the first `<table>` with the participant table's header row,
 * each with the line of its `<tr>` in the HTML and its cells' text.
 */
export function htmlTableRows(html: string): RowsRead {
  const tables = findAll(parse(html, { sourceCodeLocationInfo: true }), "table");
  for (let t = 0; t < tables.length; t += 1) {
    const table = tables[t]!;
    tables.push(...findAll(table, "table"));
    const rows = findAll(table, "tr").map((tr) => ({
      line: tr.sourceCodeLocation?.startLine ?? 1,
      cells: tr.childNodes.filter((c): c is Element => isElement(c) && (c.tagName === "td" || c.tagName === "th")).map(textOf),
    }));
    const headerIndex = rows.findIndex((row) => headerColumns(row.cells) !== null);
    if (headerIndex < 0) continue;
    const header = rows[headerIndex]!;
    return { headerLine: header.line, columns: headerColumns(header.cells)!, width: header.cells.length, rows: rows.slice(headerIndex + 1) };
  }
  return NO_HEADER;
}
