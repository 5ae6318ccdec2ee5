import { strict as assert } from "assert";
import { tf } from "../backend";
import { accuracy } from "./accuracy";

describe("accuracy", () => {
  it("is 100 − mean(|Ŷ − Y|)·100 in float64, exactly as numpy prints it", () => {
    // 207 of 209 right: numpy prints 99.04306220095694; 35 of 50: 70.0.
    const labels = (m: number, wrong: number) => {
      const Y = tf.ones([1, m]) as tf.Tensor2D;
      const yHat = tf.concat([tf.zeros([1, wrong]), tf.ones([1, m - wrong])], 1) as tf.Tensor2D;
      return { Y, yHat };
    };
    const train = labels(209, 2);
    const test = labels(50, 15);
    assert.equal(accuracy(train.yHat, train.Y), 99.04306220095694);
    assert.equal(accuracy(test.yHat, test.Y), 70);
    tf.dispose([train.Y, train.yHat, test.Y, test.yHat]);
  });

  it("rejects predictions and labels of different shapes", () => {
    const yHat = tf.zeros([1, 3]) as tf.Tensor2D;
    const Y = tf.zeros([1, 4]) as tf.Tensor2D;
    assert.throws(() => accuracy(yHat, Y), {
      message: "accuracy: Y must have shape (1, 3) to match predictions of shape (1, 3), got (1, 4)",
    });
    tf.dispose([yHat, Y]);
  });
});
