import { describe, expect, it } from 'vitest';
import { lifecycles } from '../cases/lifecycles/index.ts';
import {
  flowchartSvg,
  layoutFlowchart,
  textWidth,
  wrap,
  type FlowDefinition,
  type LaidOutNode,
  type Point,
} from './flowchart.ts';

/** A small lifecycle written out here, so the layout is tested apart from the cases area. */
const licensing: FlowDefinition = {
  initial: 'applied',
  states: [
    { id: 'applied', label: '已申请' },
    { id: 'accepted', label: '已受理' },
    { id: 'rejected', label: '不予受理', final: true },
    { id: 'examined', label: '已审查' },
    { id: 'granted', label: '准予许可' },
    { id: 'refused', label: '不予许可' },
    { id: 'archived', label: '已归档', final: true },
  ],
  transitions: [
    { from: 'applied', to: 'accepted', label: '受理' },
    { from: 'applied', to: 'rejected', label: '不予受理并说明理由' },
    { from: 'accepted', to: 'examined', label: '审查' },
    { from: 'examined', to: 'accepted', label: '补正材料' },
    { from: 'examined', to: 'granted', label: '作出准予许可决定' },
    { from: 'examined', to: 'refused', label: '作出不予许可决定' },
    { from: 'granted', to: 'archived', label: '归档' },
    { from: 'refused', to: 'archived', label: '归档' },
  ],
};

const overlap = (a: LaidOutNode, b: LaidOutNode) =>
  Math.abs(a.x - b.x) < (a.width + b.width) / 2 && Math.abs(a.y - b.y) < (a.height + b.height) / 2;

/** Distance from a point to a node's frame (0 on the frame, positive outside or inside). */
const toFrame = (p: Point, n: LaidOutNode) => {
  const dx = Math.abs(p.x - n.x) - n.width / 2;
  const dy = Math.abs(p.y - n.y) - n.height / 2;
  return dx <= 0 && dy <= 0 ? Math.min(-dx, -dy) : Math.hypot(Math.max(dx, 0), Math.max(dy, 0));
};

function expectSound(def: FlowDefinition) {
  const layout = layoutFlowchart(def);
  expect(layout.nodes.map((n) => n.id)).toEqual(def.states.map((s) => s.id));
  expect(layout.edges).toHaveLength(def.transitions.length);
  const byId = new Map(layout.nodes.map((n) => [n.id, n]));
  // Nodes apart, inside the drawing, wide enough for their text.
  for (const [i, a] of layout.nodes.entries()) {
    for (const b of layout.nodes.slice(i + 1)) expect(overlap(a, b), `${a.id} / ${b.id}`).toBe(false);
    expect(a.x - a.width / 2).toBeGreaterThanOrEqual(0);
    expect(a.y - a.height / 2).toBeGreaterThanOrEqual(0);
    expect(a.x + a.width / 2).toBeLessThanOrEqual(layout.width);
    expect(a.y + a.height / 2).toBeLessThanOrEqual(layout.height);
    for (const line of a.lines) expect(textWidth(line, 14)).toBeLessThan(a.width);
  }
  // Every arrow leaves its from-state's frame and ends on its to-state's frame.
  for (const e of layout.edges) {
    expect(e.points.length).toBeGreaterThanOrEqual(2);
    expect(toFrame(e.points[0]!, byId.get(e.from)!)).toBeLessThan(2);
    expect(toFrame(e.points.at(-1)!, byId.get(e.to)!)).toBeLessThan(2);
    expect(e.lines.join('')).toBe(def.transitions[layout.edges.indexOf(e)]!.label);
  }
  return layout;
}

describe('flowchart layout (S-2.2: the published flow is drawn from the definition in force)', () => {
  it('draws every state once and every step as an arrow between its states, nothing overlapping', () => {
    const layout = expectSound(licensing);
    const y = (id: string) => layout.nodes.find((n) => n.id === id)!.y;
    // Top to bottom: the start on the first rank, the archive below the decisions that lead to it.
    expect(Math.min(...layout.nodes.map((n) => n.y))).toBe(y('applied'));
    expect(y('accepted')).toBeGreaterThan(y('applied'));
    expect(y('archived')).toBeGreaterThan(y('granted'));
    expect(y('archived')).toBeGreaterThan(y('refused'));
  });

  it('marks the start, the ends (final or without a way out) and the steps between', () => {
    const kinds = Object.fromEntries(layoutFlowchart(licensing).nodes.map((n) => [n.id, n.kind]));
    expect(kinds).toEqual({
      applied: 'start',
      accepted: 'step',
      rejected: 'end',
      examined: 'step',
      granted: 'step',
      refused: 'step',
      archived: 'end',
    });
    const noInitial = layoutFlowchart({ ...licensing, initial: undefined });
    expect(noInitial.nodes[0]!.kind).toBe('start');
  });

  it('refuses a definition with a step to an unknown state, a duplicate state or an unknown start', () => {
    expect(() =>
      layoutFlowchart({ ...licensing, transitions: [{ from: 'applied', to: 'nowhere', label: '受理' }] }),
    ).toThrow('流程定义中的步骤“受理”指向不存在的状态 nowhere');
    expect(() =>
      layoutFlowchart({ ...licensing, states: [...licensing.states, { id: 'applied', label: '重复' }] }),
    ).toThrow('状态 applied 重复');
    expect(() => layoutFlowchart({ ...licensing, initial: 'x' })).toThrow('起始状态 x 不存在');
  });

  it('lays out every case lifecycle the service enforces', () => {
    for (const lifecycle of Object.values(lifecycles)) expectSound(lifecycle);
  });

  it('breaks long Chinese labels by width and measures Latin text narrower', () => {
    expect(wrap('作出准予行政许可决定并送达当事人', 10)).toEqual(['作出准予行政许可决定', '并送达当事人']);
    expect(wrap('', 10)).toEqual(['']);
    expect(textWidth('立案', 14)).toBe(28);
    expect(textWidth('ab', 14)).toBeLessThan(textWidth('立案', 14));
  });

  it('writes an SVG with a title and description, every label escaped, no script', () => {
    const svg = flowchartSvg(
      layoutFlowchart({
        states: [
          { id: 'a', label: '<b>开始</b>' },
          { id: 'b', label: '结束 & 归档' },
        ],
        transitions: [{ from: 'a', to: 'b', label: '"下一步"' }],
      }),
      '测试流程 <1>',
      '从开始到结束',
    );
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 \d+ \d+"/);
    expect(svg).toContain('<title id="flow-title">测试流程 &lt;1&gt;</title>');
    expect(svg).toContain('<desc id="flow-desc">从开始到结束</desc>');
    expect(svg).toContain('&lt;b&gt;开始&lt;/b&gt;');
    expect(svg).toContain('结束 &amp; 归档');
    expect(svg).toContain('&quot;下一步&quot;');
    expect(svg).not.toMatch(/<script|<b>/);
    expect(svg.match(/<path class="edge"/g)).toHaveLength(1);
  });
});
