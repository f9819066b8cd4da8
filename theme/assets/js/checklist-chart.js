// Horizontal bar chart of the per-item percentages, as SVG. Colours come from checklist.css classes
// (no inline styles, so the page's Content-Security-Policy holds). The results table carries the same numbers.
const NS = "http://www.w3.org/2000/svg";

export function drawChart(model, result, t) {
  const labelWidth = 300;
  const barWidth = 360;
  const rowHeight = 30;
  const top = 26;
  const width = labelWidth + barWidth + 60;
  const height = top + result.rows.length * rowHeight + 8;
  const titleId = `chart-title-${model.id}`;
  const svg = node("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img", "aria-labelledby": titleId });
  svg.append(node("title", { id: titleId }, t.checklist_chart_title));

  for (const p of [0, 50, 100]) {
    const x = labelWidth + (barWidth * p) / 100;
    svg.append(node("line", { x1: x, x2: x, y1: top - 6, y2: height - 4, class: "chart__grid" }));
    svg.append(node("text", { x, y: top - 10, class: "chart__axis", "text-anchor": "middle" }, `${p}%`));
  }

  result.rows.forEach((row, i) => {
    const y = top + i * rowHeight;
    const g = node("g", { class: `chart__row chart__row--${row.status}` });
    g.append(node("text", { x: labelWidth - 8, y: y + 17, class: "chart__label", "text-anchor": "end" }, shorten(`${row.item.number}. ${row.item.label}`, 20)));
    g.append(node("rect", { x: labelWidth, y: y + 5, width: barWidth, height: 16, class: "chart__track" }));
    if (row.percent !== null) {
      g.append(node("rect", { x: labelWidth, y: y + 5, width: Math.max(2, (barWidth * row.percent) / 100), height: 16, class: "chart__bar" }));
      g.append(node("text", { x: labelWidth + barWidth + 6, y: y + 17, class: "chart__value" }, `${row.percent}%`));
    } else {
      g.append(node("text", { x: labelWidth + 6, y: y + 17, class: "chart__none" }, row.option ? row.option.label : t.checklist_not_answered));
    }
    if (row.targetPercent !== null) {
      const x = labelWidth + (barWidth * row.targetPercent) / 100;
      g.append(node("line", { x1: x, x2: x, y1: y + 1, y2: y + 25, class: "chart__target" }));
    }
    g.append(node("title", {}, `${row.item.label}: ${row.percent === null ? (row.option ? row.option.label : t.checklist_not_answered) : row.percent + "%"}`));
    svg.append(g);
  });
  return svg;
}

function shorten(text, max) {
  return text.length > max ? text.slice(0, max - 1) + "…" : text;
}

function node(tag, attrs = {}, text) {
  const n = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
  if (text !== undefined) n.textContent = text;
  return n;
}
