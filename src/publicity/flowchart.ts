import dagreModule from '@dagrejs/dagre';
import { escapeHtml } from './portal/html.ts';

/**
 * Flowcharts of ex-ante publicity (执法流程图, S-2.2): drawn from the lifecycle definitions the case service
 * enforces (src/cases/lifecycles), so the published flow is the one in force. Any `{states, transitions}`
 * definition will do. The layout (ranks, node order, edge routes) is dagre's; the SVG is ours: plain
 * shapes and text, no script, printable, with a title and description for screen readers.
 */

export interface FlowState {
  id: string;
  label: string;
  final?: boolean;
}

export interface FlowTransition {
  from: string;
  to: string;
  label: string;
}

export interface FlowDefinition {
  /** The state a case starts in (drawn as the start); without it, the first state. */
  initial?: string;
  states: readonly FlowState[];
  transitions: readonly FlowTransition[];
}

export interface Point {
  x: number;
  y: number;
}

export interface LaidOutNode {
  id: string;
  /** The label broken into lines. */
  lines: string[];
  kind: 'start' | 'step' | 'end';
  /** Centre and size. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LaidOutEdge {
  from: string;
  to: string;
  lines: string[];
  points: Point[];
  /** Centre of the label. */
  label: Point;
  labelWidth: number;
  labelHeight: number;
}

export interface FlowLayout {
  width: number;
  height: number;
  nodes: LaidOutNode[];
  edges: LaidOutEdge[];
}

/**
 * The part of dagre used here. Its bundled declarations import their own files without extensions, which
 * NodeNext resolution cannot follow (everything turns `any`), so the shape is stated here once.
 */
interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface DagreGraph {
  setGraph(label: Record<string, string | number>): void;
  setDefaultEdgeLabel(label: () => object): void;
  setNode(id: string, label: { width: number; height: number }): void;
  setEdge(v: string, w: string, label: Record<string, string | number>, name: string): void;
  node(id: string): Box;
  edge(e: { v: string; w: string; name: string }): Partial<Box> & { points?: Point[] };
  graph(): { width?: number; height?: number };
}
const dagre = dagreModule as unknown as {
  graphlib: { Graph: new (options: { multigraph: boolean }) => DagreGraph };
  layout(graph: DagreGraph): void;
};

const FONT = 14;
const EDGE_FONT = 12;
const LINE = 1.35;
const NODE_PAD_X = 14;
const NODE_PAD_Y = 10;
const MARGIN = 16;

/** Width of text in pixels at a font size: CJK and full-width forms count as one em, the rest as half. */
export function textWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text)
    em +=
      /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(
        ch,
      )
        ? 1
        : 0.55;
  return Math.ceil(em * size);
}

/** Breaks a label into lines of at most `max` ems (a Chinese label has no spaces to break at). */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (line !== '' && textWidth(line + ch, 1) > max) {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/** Checks a definition: unique state ids, transitions between known states. Throws naming the problem. */
export function checkDefinition(def: FlowDefinition): void {
  const ids = new Set<string>();
  for (const s of def.states) {
    if (ids.has(s.id)) throw new Error(`流程定义中状态 ${s.id} 重复`);
    ids.add(s.id);
  }
  if (def.initial !== undefined && !ids.has(def.initial)) {
    throw new Error(`流程定义的起始状态 ${def.initial} 不存在`);
  }
  for (const t of def.transitions) {
    for (const end of [t.from, t.to]) {
      if (!ids.has(end)) throw new Error(`流程定义中的步骤“${t.label}”指向不存在的状态 ${end}`);
    }
  }
}

/** Lays out a definition top to bottom: the start on the first rank, each step an arrow with its name. */
/** How far a loop (a step that keeps the state) reaches out of its state's frame. */
const LOOP = 24;

export function layoutFlowchart(def: FlowDefinition): FlowLayout {
  checkDefinition(def);
  if (def.states.length === 0) return { width: 2 * MARGIN, height: 2 * MARGIN, nodes: [], edges: [] };
  const initial = def.initial ?? def.states[0]!.id;
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 36, ranksep: 44, edgesep: 16, marginx: MARGIN, marginy: MARGIN });
  g.setDefaultEdgeLabel(() => ({}));
  const nodeLines = new Map<string, string[]>();
  for (const s of def.states) {
    const lines = wrap(s.label, 10);
    nodeLines.set(s.id, lines);
    const width = Math.max(...lines.map((l) => textWidth(l, FONT))) + 2 * NODE_PAD_X;
    const height = Math.ceil(lines.length * FONT * LINE) + 2 * NODE_PAD_Y;
    g.setNode(s.id, { width, height });
  }
  const edgeLines: string[][] = [];
  def.transitions.forEach((t, i) => {
    const lines = wrap(t.label, 9);
    edgeLines.push(lines);
    // A step that records a fact without moving the state (e.g. 登记法院执行情况) is drawn as a loop below.
    if (t.from === t.to) return;
    g.setEdge(
      t.from,
      t.to,
      {
        width: Math.max(...lines.map((l) => textWidth(l, EDGE_FONT))) + 8,
        height: Math.ceil(lines.length * EDGE_FONT * LINE) + 4,
        labelpos: 'c',
        // Steps out of the start are laid out first (a higher weight keeps the main path straight).
        weight: t.from === initial ? 2 : 1,
      },
      String(i),
    );
  });
  dagre.layout(g);
  const nodes = def.states.map((s): LaidOutNode => {
    const n = g.node(s.id);
    return {
      id: s.id,
      lines: nodeLines.get(s.id)!,
      kind:
        s.id === initial
          ? 'start'
          : s.final || !def.transitions.some((t) => t.from === s.id)
            ? 'end'
            : 'step',
      x: n.x,
      y: n.y,
      width: n.width,
      height: n.height,
    };
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const graph = g.graph();
  let width = graph.width ?? 0;
  const edges = def.transitions.map((t, i): LaidOutEdge => {
    if (t.from === t.to) {
      // A loop on the state's right side, its label beside it.
      const n = byId.get(t.from)!;
      const right = n.x + n.width / 2;
      const lines = edgeLines[i]!;
      const labelWidth = Math.max(...lines.map((l) => textWidth(l, EDGE_FONT))) + 8;
      const labelHeight = Math.ceil(lines.length * EDGE_FONT * LINE) + 4;
      width = Math.max(width, right + LOOP + labelWidth + MARGIN);
      return {
        from: t.from,
        to: t.to,
        lines,
        points: [
          { x: right, y: n.y - n.height / 4 },
          { x: right + LOOP, y: n.y - n.height / 4 },
          { x: right + LOOP, y: n.y + n.height / 4 },
          { x: right, y: n.y + n.height / 4 },
        ],
        label: { x: right + LOOP + labelWidth / 2 + 2, y: n.y },
        labelWidth,
        labelHeight,
      };
    }
    const e = g.edge({ v: t.from, w: t.to, name: String(i) });
    return {
      from: t.from,
      to: t.to,
      lines: edgeLines[i]!,
      points: (e.points ?? []).map((p) => ({ x: p.x, y: p.y })),
      label: { x: e.x ?? 0, y: e.y ?? 0 },
      labelWidth: e.width ?? 0,
      labelHeight: e.height ?? 0,
    };
  });
  return { width: Math.ceil(width), height: Math.ceil(graph.height ?? 0), nodes, edges };
}

const r = (n: number) => Math.round(n * 10) / 10;

function textLines(lines: readonly string[], x: number, y: number, size: number, cls: string): string {
  const top = y - ((lines.length - 1) * size * LINE) / 2;
  return lines
    .map(
      (line, i) =>
        `<text class="${cls}" x="${r(x)}" y="${r(top + i * size * LINE)}" font-size="${size}" text-anchor="middle" dominant-baseline="central">${escapeHtml(line)}</text>`,
    )
    .join('');
}

/** A smooth path through the points dagre routed (straight segments; the last one ends at the arrow). */
function pathOf(points: readonly Point[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${r(p.x)},${r(p.y)}`).join(' ');
}

/**
 * The SVG of a laid-out flowchart: black on white (prints on any printer), the start in a heavy frame,
 * ends in a double frame, each step's name on its arrow.
 */
export function flowchartSvg(layout: FlowLayout, title: string, description: string, id = 'flow'): string {
  const marker = `${id}-arrow`;
  const nodes = layout.nodes
    .map((n) => {
      const x = r(n.x - n.width / 2);
      const y = r(n.y - n.height / 2);
      const frame =
        n.kind === 'end'
          ? `<rect class="node end" x="${x}" y="${y}" width="${r(n.width)}" height="${r(n.height)}" rx="6"/><rect class="node end-inner" x="${r(x + 3)}" y="${r(y + 3)}" width="${r(n.width - 6)}" height="${r(n.height - 6)}" rx="4"/>`
          : `<rect class="node ${n.kind}" x="${x}" y="${y}" width="${r(n.width)}" height="${r(n.height)}" rx="${n.kind === 'start' ? r(n.height / 2) : 6}"/>`;
      return `<g data-state="${escapeHtml(n.id)}">${frame}${textLines(n.lines, n.x, n.y, FONT, 'label')}</g>`;
    })
    .join('');
  const edges = layout.edges
    .map(
      (e) =>
        `<g data-from="${escapeHtml(e.from)}" data-to="${escapeHtml(e.to)}"><path class="edge" d="${pathOf(e.points)}" marker-end="url(#${marker})"/>` +
        `<rect class="edge-label" x="${r(e.label.x - e.labelWidth / 2)}" y="${r(e.label.y - e.labelHeight / 2)}" width="${r(e.labelWidth)}" height="${r(e.labelHeight)}"/>` +
        textLines(e.lines, e.label.x, e.label.y, EDGE_FONT, 'edge-text') +
        `</g>`,
    )
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" role="img" aria-labelledby="${id}-title ${id}-desc" class="flowchart">` +
    `<title id="${id}-title">${escapeHtml(title)}</title><desc id="${id}-desc">${escapeHtml(description)}</desc>` +
    `<defs><marker id="${marker}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#1a1a1a"/></marker></defs>` +
    `<style>.node{fill:#fff;stroke:#1a1a1a;stroke-width:1.5}.node.start{stroke-width:3}.node.end-inner{fill:none}` +
    `.edge{fill:none;stroke:#1a1a1a;stroke-width:1.3}.edge-label{fill:#fff;stroke:none}` +
    `.label{fill:#1a1a1a;font-family:system-ui,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif}` +
    `.edge-text{fill:#333;font-family:system-ui,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif}</style>` +
    edges +
    nodes +
    `</svg>`
  );
}
