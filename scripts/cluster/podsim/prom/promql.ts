// A PromQL subset, enough for the course's alert rules: selectors with matchers, [range] for
// rate/increase, sum/avg/min/max/count [by|without], histogram_quantile, clamp_min/clamp_max,
// absent, abs, arithmetic and comparison (with or without `bool`). Series are functions of time,
// so a rule can be evaluated at any past instant (that is how `for:` is decided).

export type Labels = Record<string, string>;

export interface SourceSeries {
  labels: Labels;
  /** value at time t (ms); undefined when the series had no sample then */
  valueAt(t: number): number | undefined;
}

export interface SeriesSource {
  select(metric: string): SourceSeries[];
}

export interface Sample {
  labels: Labels;
  value: number;
}

type Matcher = { label: string; op: "=" | "!=" | "=~" | "!~"; value: string };

type Node =
  | { type: "number"; value: number }
  | { type: "selector"; metric: string; matchers: Matcher[]; rangeMs?: number }
  | { type: "call"; name: string; args: Node[] }
  | { type: "aggregate"; op: string; by?: string[]; without?: string[]; arg: Node; param?: Node }
  | { type: "binary"; op: string; bool: boolean; lhs: Node; rhs: Node }
  | { type: "unary"; op: "-"; arg: Node };

export class PromQLError extends Error {}

const AGGREGATIONS = new Set(["sum", "avg", "min", "max", "count"]);
const FUNCTIONS = new Set(["rate", "increase", "histogram_quantile", "clamp_min", "clamp_max", "absent", "abs", "vector", "scalar", "time"]);
const PRECEDENCE: Record<string, number> = { "==": 3, "!=": 3, "<": 3, ">": 3, "<=": 3, ">=": 3, "+": 4, "-": 4, "*": 5, "/": 5, "%": 5 };

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const re = /\s*(?:(\d+(?:\.\d+)?(?:e[+-]?\d+)?(?:ms|s|m|h|d|w|y)?(?![\w:])|[a-zA-Z_:][\w:]*|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|==|!=|=~|!~|<=|>=|[-+*/%(){}[\],<>=]))/y;
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    re.lastIndex = pos;
    const match = re.exec(text);
    if (!match) throw new PromQLError(`unexpected character at ${pos}: ${text.slice(pos, pos + 10)}`);
    tokens.push(match[1]!);
    pos = re.lastIndex;
  }
  return tokens;
}

export function durationMs(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)$/.exec(text);
  if (!match) throw new PromQLError(`bad duration ${text}`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 }[match[2] as "s"];
  return Number(match[1]) * unit;
}

export function parsePromQL(text: string): Node {
  const tokens = tokenize(text);
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  const expect = (t: string) => {
    if (tokens[i] !== t) throw new PromQLError(`expected "${t}" but found "${tokens[i] ?? "end"}"`);
    i++;
  };
  const labelList = (): string[] => {
    expect("(");
    const labels: string[] = [];
    while (peek() !== ")") {
      labels.push(next() ?? "");
      if (peek() === ",") next();
    }
    expect(")");
    return labels;
  };
  const unquote = (t: string) => t.slice(1, -1).replace(/\\(.)/g, "$1");

  const primary = (): Node => {
    const token = next();
    if (token === undefined) throw new PromQLError("unexpected end of expression");
    if (token === "(") {
      const inner = expression(0);
      expect(")");
      return inner;
    }
    if (token === "-") return { type: "unary", op: "-", arg: primary() };
    if (/^\d/.test(token)) return { type: "number", value: Number(token) };
    if (token === "{") {
      i--;
      return selector("");
    }
    if (AGGREGATIONS.has(token)) {
      let by: string[] | undefined;
      let without: string[] | undefined;
      if (peek() === "by") { next(); by = labelList(); }
      if (peek() === "without") { next(); without = labelList(); }
      expect("(");
      const arg = expression(0);
      expect(")");
      if (peek() === "by") { next(); by = labelList(); }
      if (peek() === "without") { next(); without = labelList(); }
      return { type: "aggregate", op: token, by, without, arg };
    }
    if (peek() === "(") {
      if (!FUNCTIONS.has(token)) throw new PromQLError(`function ${token}() is not simulated by podsim`);
      next();
      const args: Node[] = [];
      while (peek() !== ")") {
        args.push(expression(0));
        if (peek() === ",") next();
      }
      expect(")");
      return { type: "call", name: token, args };
    }
    return selector(token);
  };

  const selector = (metric: string): Node => {
    const matchers: Matcher[] = [];
    if (peek() === "{") {
      next();
      while (peek() !== "}") {
        const label = next() ?? "";
        const op = next() as Matcher["op"];
        const value = next() ?? "";
        if (!["=", "!=", "=~", "!~"].includes(op) || !/^["']/.test(value)) throw new PromQLError(`bad matcher near ${label}`);
        matchers.push({ label, op, value: unquote(value) });
        if (peek() === ",") next();
      }
      expect("}");
    }
    let rangeMs: number | undefined;
    if (peek() === "[") {
      next();
      rangeMs = durationMs(next() ?? "");
      expect("]");
    }
    return { type: "selector", metric, matchers, rangeMs };
  };

  const expression = (minPrecedence: number): Node => {
    let lhs = primary();
    for (;;) {
      const op = peek();
      const precedence = op === undefined ? undefined : PRECEDENCE[op];
      if (op === undefined || precedence === undefined || precedence < minPrecedence) break;
      next();
      let bool = false;
      if (peek() === "bool") { next(); bool = true; }
      const rhs = expression(precedence + 1);
      lhs = { type: "binary", op, bool, lhs, rhs };
    }
    return lhs;
  };

  const node = expression(0);
  if (i < tokens.length) throw new PromQLError(`unexpected "${tokens[i]}"`);
  return node;
}

function matches(labels: Labels, matchers: Matcher[]): boolean {
  return matchers.every((m) => {
    const value = labels[m.label] ?? "";
    switch (m.op) {
      case "=": return value === m.value;
      case "!=": return value !== m.value;
      case "=~": return new RegExp(`^(?:${m.value})$`).test(value);
      case "!~": return !new RegExp(`^(?:${m.value})$`).test(value);
    }
  });
}

const key = (labels: Labels) => JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
const withoutName = ({ __name__: _name, ...rest }: Labels) => rest;

type Value = { kind: "vector"; samples: Sample[] } | { kind: "scalar"; value: number };

function compare(op: string, a: number, b: number): boolean {
  switch (op) {
    case "==": return a === b;
    case "!=": return a !== b;
    case ">": return a > b;
    case "<": return a < b;
    case ">=": return a >= b;
    case "<=": return a <= b;
    default: return false;
  }
}

function arithmetic(op: string, a: number, b: number): number {
  switch (op) {
    case "+": return a + b;
    case "-": return a - b;
    case "*": return a * b;
    case "/": return a / b;
    case "%": return a % b;
    default: return NaN;
  }
}

/** Prometheus' histogram_quantile: linear interpolation inside the bucket holding the rank. */
function quantile(q: number, buckets: Array<{ le: number; count: number }>): number {
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  if (sorted.length < 2 || sorted.at(-1)!.le !== Infinity) return NaN;
  const total = sorted.at(-1)!.count;
  if (total === 0) return NaN;
  const rank = q * total;
  let index = sorted.findIndex((b) => b.count >= rank);
  if (index === sorted.length - 1) return sorted.at(-2)!.le;
  if (index < 0) index = 0;
  const upper = sorted[index]!;
  const lower = index === 0 ? { le: 0, count: 0 } : sorted[index - 1]!;
  if (upper.count === lower.count) return upper.le;
  return lower.le + (upper.le - lower.le) * ((rank - lower.count) / (upper.count - lower.count));
}

export function evaluate(node: Node, source: SeriesSource, t: number): Value {
  const vector = (n: Node): Sample[] => {
    const v = evaluate(n, source, t);
    if (v.kind !== "vector") throw new PromQLError("expected an instant vector");
    return v.samples;
  };
  switch (node.type) {
    case "number":
      return { kind: "scalar", value: node.value };
    case "unary": {
      const v = evaluate(node.arg, source, t);
      return v.kind === "scalar" ? { kind: "scalar", value: -v.value } : { kind: "vector", samples: v.samples.map((s) => ({ labels: withoutName(s.labels), value: -s.value })) };
    }
    case "selector": {
      if (node.rangeMs !== undefined) throw new PromQLError("a range vector needs rate() or increase()");
      const samples: Sample[] = [];
      for (const series of source.select(node.metric)) {
        const labels = { __name__: node.metric, ...series.labels };
        if (!matches(labels, node.matchers)) continue;
        const value = series.valueAt(t);
        if (value !== undefined) samples.push({ labels, value });
      }
      return { kind: "vector", samples };
    }
    case "call": {
      const [first, second] = node.args;
      switch (node.name) {
        case "rate":
        case "increase": {
          if (first?.type !== "selector" || first.rangeMs === undefined) throw new PromQLError(`${node.name}() needs a range vector`);
          const samples: Sample[] = [];
          for (const series of source.select(first.metric)) {
            const labels = { __name__: first.metric, ...series.labels };
            if (!matches(labels, first.matchers)) continue;
            const now = series.valueAt(t);
            const before = series.valueAt(t - first.rangeMs);
            if (now === undefined || before === undefined) continue;
            const delta = Math.max(0, now - before);
            samples.push({ labels: withoutName(labels), value: node.name === "rate" ? delta / (first.rangeMs / 1000) : delta });
          }
          return { kind: "vector", samples };
        }
        case "histogram_quantile": {
          const q = first ? evaluate(first, source, t) : undefined;
          if (q?.kind !== "scalar" || !second) throw new PromQLError("histogram_quantile(scalar, vector)");
          const groups = new Map<string, { labels: Labels; buckets: Array<{ le: number; count: number }> }>();
          for (const s of vector(second)) {
            const { le, ...rest } = withoutName(s.labels);
            if (le === undefined) continue;
            const k = key(rest);
            const group = groups.get(k) ?? { labels: rest, buckets: [] };
            group.buckets.push({ le: le === "+Inf" ? Infinity : Number(le), count: s.value });
            groups.set(k, group);
          }
          return { kind: "vector", samples: [...groups.values()].map((g) => ({ labels: g.labels, value: quantile(q.value, g.buckets) })).filter((s) => !Number.isNaN(s.value)) };
        }
        case "clamp_min":
        case "clamp_max": {
          const bound = second ? evaluate(second, source, t) : undefined;
          if (!first || bound?.kind !== "scalar") throw new PromQLError(`${node.name}(vector, scalar)`);
          return { kind: "vector", samples: vector(first).map((s) => ({ labels: withoutName(s.labels), value: node.name === "clamp_min" ? Math.max(s.value, bound.value) : Math.min(s.value, bound.value) })) };
        }
        case "absent": {
          if (!first) throw new PromQLError("absent(vector)");
          if (vector(first).length > 0) return { kind: "vector", samples: [] };
          const labels: Labels = {};
          if (first.type === "selector") for (const m of first.matchers) if (m.op === "=" && m.label !== "__name__") labels[m.label] = m.value;
          return { kind: "vector", samples: [{ labels, value: 1 }] };
        }
        case "abs":
          return { kind: "vector", samples: vector(first!).map((s) => ({ labels: withoutName(s.labels), value: Math.abs(s.value) })) };
        case "vector": {
          const v = evaluate(first!, source, t);
          return { kind: "vector", samples: v.kind === "scalar" ? [{ labels: {}, value: v.value }] : v.samples };
        }
        case "scalar": {
          const samples = vector(first!);
          return { kind: "scalar", value: samples.length === 1 ? samples[0]!.value : NaN };
        }
        case "time":
          return { kind: "scalar", value: t / 1000 };
        default:
          throw new PromQLError(`function ${node.name}() is not simulated by podsim`);
      }
    }
    case "aggregate": {
      const groups = new Map<string, { labels: Labels; values: number[] }>();
      for (const s of vector(node.arg)) {
        const base = withoutName(s.labels);
        const labels: Labels = node.by
          ? Object.fromEntries(node.by.filter((l) => base[l] !== undefined).map((l) => [l, base[l]!]))
          : node.without ? Object.fromEntries(Object.entries(base).filter(([l]) => !node.without!.includes(l))) : {};
        const k = key(labels);
        const group = groups.get(k) ?? { labels, values: [] };
        group.values.push(s.value);
        groups.set(k, group);
      }
      const reduce = (values: number[]) => {
        switch (node.op) {
          case "sum": return values.reduce((a, b) => a + b, 0);
          case "avg": return values.reduce((a, b) => a + b, 0) / values.length;
          case "min": return Math.min(...values);
          case "max": return Math.max(...values);
          default: return values.length;
        }
      };
      return { kind: "vector", samples: [...groups.values()].map((g) => ({ labels: g.labels, value: reduce(g.values) })) };
    }
    case "binary": {
      const lhs = evaluate(node.lhs, source, t);
      const rhs = evaluate(node.rhs, source, t);
      const comparison = ["==", "!=", ">", "<", ">=", "<="].includes(node.op);
      const combine = (a: number, b: number): number | undefined => {
        if (!comparison) return arithmetic(node.op, a, b);
        if (node.bool) return compare(node.op, a, b) ? 1 : 0;
        return compare(node.op, a, b) ? a : undefined;
      };
      if (lhs.kind === "scalar" && rhs.kind === "scalar") {
        return { kind: "scalar", value: comparison ? (compare(node.op, lhs.value, rhs.value) ? 1 : 0) : arithmetic(node.op, lhs.value, rhs.value) };
      }
      if (lhs.kind === "vector" && rhs.kind === "scalar") {
        const samples = lhs.samples.flatMap((s) => {
          const v = combine(s.value, rhs.value);
          return v === undefined ? [] : [{ labels: comparison && !node.bool ? s.labels : withoutName(s.labels), value: v }];
        });
        return { kind: "vector", samples };
      }
      if (lhs.kind === "scalar" && rhs.kind === "vector") {
        const samples = rhs.samples.flatMap((s) => {
          const v = comparison ? (node.bool ? (compare(node.op, lhs.value, s.value) ? 1 : 0) : compare(node.op, lhs.value, s.value) ? s.value : undefined) : arithmetic(node.op, lhs.value, s.value);
          return v === undefined ? [] : [{ labels: withoutName(s.labels), value: v }];
        });
        return { kind: "vector", samples };
      }
      const right = new Map((rhs as { samples: Sample[] }).samples.map((s) => [key(withoutName(s.labels)), s]));
      const samples = (lhs as { samples: Sample[] }).samples.flatMap((s) => {
        const other = right.get(key(withoutName(s.labels)));
        if (!other) return [];
        const v = combine(s.value, other.value);
        return v === undefined ? [] : [{ labels: withoutName(s.labels), value: v }];
      });
      return { kind: "vector", samples };
    }
  }
}

/** Evaluates an expression to an instant vector (a scalar becomes one sample without labels). */
export function evaluateVector(expression: string | Node, source: SeriesSource, t: number): Sample[] {
  const node = typeof expression === "string" ? parsePromQL(expression) : expression;
  const value = evaluate(node, source, t);
  return value.kind === "vector" ? value.samples : [{ labels: {}, value: value.value }];
}

export type { Node as PromQLNode };
