package dev.dltrack.tracker.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.evaluator.TopKAccuracy;
import ai.djl.training.loss.Loss;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Java fast path gives DJL's own loss and accuracy, and declines what it does not compute. */
class SoftmaxInJavaAgreesWithDjlTest {
  @Test
  void lossAndAccuracyAreDjlsForIntAndFloatLabels() {
    Random r = new Random(3);
    try (NDManager m = NDManager.newBaseManager()) {
      for (DataType labelType : new DataType[] {DataType.INT64, DataType.INT32, DataType.FLOAT32}) {
        float[] logits = new float[64 * 10];
        float[] classes = new float[64];
        for (int i = 0; i < logits.length; i++) {
          logits[i] = (float) (3 * r.nextGaussian());
        }
        for (int i = 0; i < classes.length; i++) {
          classes[i] = r.nextInt(10);
        }
        NDList predictions = new NDList(m.create(logits, new Shape(64, 10)));
        NDList labels = new NDList(m.create(classes).toType(labelType, false));
        SoftmaxInJava.Result ours = SoftmaxInJava.evaluate(labels, predictions);
        try (NDArray loss = Loss.softmaxCrossEntropyLoss().evaluate(labels, predictions);
            NDArray correct = new Accuracy().evaluate(labels, predictions)) { // a count
          assertThat(ours.loss()).as("%s", labelType).isCloseTo(loss.getFloat(), within(1e-5));
          assertThat(ours.correct()).isEqualTo(correct.toType(DataType.INT64, false).getLong());
          assertThat(ours.count()).isEqualTo(64);
        }
      }
    }
  }

  @Test
  void onlyDjlsDefaultSoftmaxLossAndPlainAccuracyAreTaken() {
    assertThat(SoftmaxInJava.handles(Loss.softmaxCrossEntropyLoss())).isTrue();
    assertThat(SoftmaxInJava.handles(Loss.softmaxCrossEntropyLoss("x", 2f, -1, true, true)))
        .isFalse();
    assertThat(SoftmaxInJava.handles(Loss.softmaxCrossEntropyLoss("x", 1f, -1, false, true)))
        .isFalse();
    assertThat(SoftmaxInJava.handles(Loss.l2Loss())).isFalse();
    assertThat(SoftmaxInJava.handles(new Accuracy())).isTrue();
    assertThat(SoftmaxInJava.handles(new Accuracy("acc", 2))).isFalse();
    assertThat(SoftmaxInJava.handles(new TopKAccuracy(3))).isFalse();
  }
}
