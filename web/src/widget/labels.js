// labels.js: which node labels to draw, and where, so that no two overlap.
// A graph of a few hundred companies cannot show every name; the widget
// shows the most important names that fit (the centre, the selection,
// companies with most deals, nearest first), each below its node or else
// above it, and the rest on hover or when zoomed in.

/**
 * pickLabels places labels greedily by descending priority. A candidate is
 * { id, priority, boxes: [box, …], free }: the boxes its label may take, in
 * order of preference, each { x1, y1, x2, y2 }. A candidate gets the first
 * box that overlaps no box placed before it and no obstacle (the nodes,
 * { id, box }, its own excepted) — obstacles are ignored for a candidate
 * marked free. Boxes touching within gap count as overlapping. It returns
 * a Map from candidate ID to the index of the box it got.
 */
export function pickLabels(candidates, obstacles = [], gap = 2) {
  const order = [...candidates].sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const taken = [];
  const picked = new Map();
  const hits = (a, b) => a.x1 < b.x2 + gap && b.x1 < a.x2 + gap && a.y1 < b.y2 + gap && b.y1 < a.y2 + gap;
  for (const c of order) {
    const i = c.boxes.findIndex((box) => !taken.some((b) => hits(box, b)) &&
      (c.free || !obstacles.some((o) => o.id !== c.id && hits(box, o.box))));
    if (i < 0) continue;
    taken.push(c.boxes[i]);
    picked.set(c.id, i);
  }
  return picked;
}

/** overlaps returns the pairs of { id, box } whose boxes intersect, for tests. */
export function overlaps(boxes) {
  const out = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i].box;
      const b = boxes[j].box;
      if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) out.push([boxes[i].id, boxes[j].id]);
    }
  }
  return out;
}
