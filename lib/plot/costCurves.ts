/** Cost curves: cost J against training progress, the course's learning-curve picture. */
import type { TopLevelSpec } from "vega-lite";
import { tf } from "../backend";
import { base, DEFAULT_HEIGHT, DEFAULT_WIDTH, SERIES_COLORS, toNumbers, type ChartOptions } from "./common";
import * as message from "../messages";

/** One cost history (one recorded cost per point), or several named ones. */
export type CostHistories =
  | tf.Tensor
  | ArrayLike<number>
  | Record<string, tf.Tensor | ArrayLike<number>>
  | { name: string; costs: tf.Tensor | ArrayLike<number> }[];

export interface CostCurvesOptions extends ChartOptions {
  /**
   * Iterations between two recorded costs. 100 (default, the course's): the x axis counts points,
   * titled "iterations (per hundreds)" as in the course; anything else: the x axis counts iterations.
   */
  iterationsPerPoint?: number;
  /** legend title; default "learning rate" when every series name is a number, else none */
  legendTitle?: string;
  /** log scale for the cost axis */
  logScale?: boolean;
}

export function costSeriesList(costs: CostHistories, caller: string): { name: string; costs: number[] }[] {
  if (costs instanceof tf.Tensor || (typeof costs === "object" && costs !== null && "length" in costs && !Array.isArray(costs)) || (Array.isArray(costs) && (costs.length === 0 || typeof costs[0] !== "object"))) {
    return [{ name: "cost", costs: toNumbers(costs as tf.Tensor | ArrayLike<number>, caller, "costs") }];
  }
  if (Array.isArray(costs)) {
    return (costs as { name: string; costs: tf.Tensor | ArrayLike<number> }[]).map((s, i) => {
      if (typeof s?.name !== "string") throw new Error(`${caller}: series ${i} needs a name`);
      return { name: s.name, costs: toNumbers(s.costs, caller, `costs of "${s.name}"`) };
    });
  }
  return Object.entries(costs as Record<string, tf.Tensor | ArrayLike<number>>).map(([name, c]) => ({ name, costs: toNumbers(c, caller, `costs of "${name}"`) }));
}

/**
 * Cost J against training progress, the course's learning-curve picture; several histories (e.g. one
 * per learning rate) share the chart with a legend. `costs`: an array or tensor, an object name ->
 * costs, or a list of { name, costs }.
 */
export function costCurvesSpec(costs: CostHistories, options: CostCurvesOptions = {}): TopLevelSpec {
  const caller = "costCurvesSpec";
  const list = costSeriesList(costs, caller);
  if (list.length === 0 || list.every((s) => s.costs.length === 0)) throw new Error(`${caller}: no costs to plot`);
  const per = options.iterationsPerPoint ?? 100;
  if (!(per > 0)) throw new Error(message.mustBe(caller, "iterationsPerPoint", "positive", String(per)));
  const perHundreds = per === 100;
  const rows = list.flatMap((s) => s.costs.map((cost, i) => ({ step: perHundreds ? i : i * per, cost, series: s.name })));
  const bad = rows.find((r) => !Number.isFinite(r.cost) || (options.logScale && r.cost <= 0));
  if (bad) throw new Error(`${caller}: cost ${bad.cost} at point ${bad.step} of "${bad.series}" cannot be plotted${options.logScale ? " on a log scale" : ""}`);
  const names = list.map((s) => s.name);
  const multiple = names.length > 1;
  const numericNames = names.every((n) => n.trim() !== "" && !Number.isNaN(Number(n)));
  const legendTitle = options.legendTitle ?? (numericNames ? "learning rate" : null);
  return {
    ...base(options, `cost vs iteration: ${names.join(", ")}`),
    width: options.width ?? DEFAULT_WIDTH,
    height: options.height ?? DEFAULT_HEIGHT,
    data: { values: rows },
    mark: { type: "line", strokeWidth: 2.5, point: rows.length <= 60 * names.length ? { size: 30 } : false, tooltip: true },
    encoding: {
      x: {
        field: "step",
        type: "quantitative",
        title: options.xTitle ?? (perHundreds ? "iterations (per hundreds)" : "iterations"),
        axis: { tickMinStep: 1, format: "d" },
      },
      y: {
        field: "cost",
        type: "quantitative",
        title: options.yTitle ?? "cost J",
        scale: options.logScale ? { type: "log" } : { zero: false },
      },
      color: {
        field: "series",
        type: "nominal",
        scale: { domain: names, range: SERIES_COLORS },
        legend: multiple ? { title: legendTitle } : null,
      },
    },
  };
}
