import type { tf } from "../backend";

/**
 * An image dataset for binary classification, laid out like the course's h5 files:
 * images first (example, height, width, channel), labels as a row vector (1, m).
 *
 * Pixels are float32 tensors holding whole numbers 0..255 (so `X.div(255)` standardizes them; float32
 * also avoids tfjs's int32 `div`, which floors). Labels are float32 0/1; `classes[label]` names them.
 * The caller owns the tensors: `tf.dispose([trainX, trainY, testX, testY])` frees them.
 */
export interface ImageDataset {
  /** (m_train, num_px_h, num_px_w, channels) */
  trainX: tf.Tensor4D;
  /** (1, m_train), 0 or 1 */
  trainY: tf.Tensor2D;
  /** (m_test, num_px_h, num_px_w, channels) */
  testX: tf.Tensor4D;
  /** (1, m_test), 0 or 1 */
  testY: tf.Tensor2D;
  /** class names by label: classes[0] for y = 0, classes[1] for y = 1 */
  classes: string[];
}
