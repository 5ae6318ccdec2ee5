/**
 * How a tfjs tensor reads in a notebook: `Tensor float32 [2,3]` and tfjs's own value layout
 * (which elides the middle of large tensors), for a cell's result, `console.log(tensor)` and
 * tensors nested in objects — instead of the engine's bookkeeping fields.
 */
import * as util from "util";

interface TensorLike {
  shape: number[];
  dtype: string;
  isDisposed: boolean;
  toString(verbose?: boolean): string;
}

export function tensorText(tensor: TensorLike): string {
  const head = `Tensor ${tensor.dtype} [${tensor.shape.join(",")}]`;
  if (tensor.isDisposed) return `${head} (disposed)`;
  try {
    // tfjs prints "Tensor\n    <values>"; keep the values.
    return `${head}\n${tensor.toString().replace(/^Tensor\n/, "")}`;
  } catch (err) {
    return `${head} (values unavailable: ${(err as Error).message})`;
  }
}

/** Gives tfjs's Tensor class its `util.inspect` form (once; a form it already has is kept). */
export function installTensorInspection(Tensor: { prototype: object }): void {
  const proto = Tensor.prototype;
  if (Object.prototype.hasOwnProperty.call(proto, util.inspect.custom)) return;
  Object.defineProperty(proto, util.inspect.custom, {
    value: function inspectTensor(this: TensorLike) {
      return tensorText(this);
    },
    configurable: true,
    writable: true,
  });
}
