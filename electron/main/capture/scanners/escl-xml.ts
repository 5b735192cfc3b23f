// A small reader for the few eSCL documents a network scanner sends (capabilities, status), in one
// pass: elements by their local name (devices differ in prefixes), text with the five entities and
// character references decoded. A DOCTYPE is refused (no entity is ever defined or expanded). On the
// main thread because they are small: capped at 64 KiB, 2,000 elements and 12 deep, so the worst
// document it accepts is read well within the desk's 50 ms stall budget (tested).
import { ScannerError } from './scanner-driver';

/** Real capabilities documents are a few KiB to some 30 KiB. */
export const MAX_XML_BYTES = 64 * 1024;

export interface XmlNode {
  name: string;
  children: XmlNode[];
  text: string;
}
/** eSCL documents nest about six deep; a lookup costs at most depth × elements. */
const MAX_XML_DEPTH = 12;
const MAX_XML_ELEMENTS = 2_000;

export function readXml(text: string): XmlNode {
  if (text.length > MAX_XML_BYTES) throw new ScannerError('failed', 'the scanner sent an oversized document');
  const root: XmlNode = { name: '', children: [], text: '' };
  const open = [root];
  let count = 0;
  const malformed = (why: string) => new ScannerError('failed', `the scanner sent malformed XML (${why})`);
  for (let at = 0; at < text.length;) {
    const lt = text.indexOf('<', at);
    const top = open[open.length - 1]!;
    top.text += decode(text.slice(at, lt === -1 ? text.length : lt));
    if (lt === -1) break;
    const skipTo = (end: string) => {
      const i = text.indexOf(end, lt);
      if (i === -1) throw malformed(`no ${end}`);
      return i + end.length;
    };
    if (text.startsWith('<!--', lt)) at = skipTo('-->');
    else if (text.startsWith('<?', lt)) at = skipTo('?>');
    else if (text.startsWith('<![CDATA[', lt)) {
      at = skipTo(']]>');
      top.text += text.slice(lt + 9, at - 3);
    } else if (text.startsWith('<!', lt)) throw malformed('a DOCTYPE');
    else {
      at = skipTo('>');
      const tag = text.slice(lt + 1, at - 1);
      const name = /^\/?\s*([A-Za-z_][\w.:-]*)/.exec(tag)?.[1]?.replace(/^.*:/, '');
      if (!name) throw malformed('a tag without a name');
      if (tag.startsWith('/')) {
        if (open.length === 1 || top.name !== name) throw malformed(`</${name}> closes nothing open`);
        open.pop();
      } else {
        const node: XmlNode = { name, children: [], text: '' };
        if (++count > MAX_XML_ELEMENTS || open.length > MAX_XML_DEPTH) throw malformed('too large');
        top.children.push(node);
        if (!tag.endsWith('/')) open.push(node);
      }
    }
  }
  if (open.length !== 1) throw malformed('an element left open');
  return root;
}

function decode(raw: string): string {
  const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
  return raw.replace(/&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-f]{1,6});/gi, (_, e: string) => {
    if (named[e.toLowerCase()]) return named[e.toLowerCase()]!;
    const code = e[1]?.toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/** Every element with this local name under `node`, in document order. */
export function all(node: XmlNode, name: string, found: XmlNode[] = []): XmlNode[] {
  for (const child of node.children) {
    if (child.name === name) found.push(child);
    all(child, name, found);
  }
  return found;
}
export const textOf = (node: XmlNode, name: string) => all(node, name).map((n) => n.text.trim());
export const numbersOf = (node: XmlNode, name: string) => textOf(node, name).map(Number).filter(Number.isInteger);

/** The first element with this local name under `node` (depth first), or null; stops there. */
export function first(node: XmlNode | null, name: string): XmlNode | null {
  for (const child of node?.children ?? []) {
    if (child.name === name) return child;
    const found = first(child, name);
    if (found) return found;
  }
  return null;
}
