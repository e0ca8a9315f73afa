package dev.dltrack.trainer.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.DropOutInverted;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@link StudyDropout} draws exactly DL4J's masks: the same outputs, masks, input gradients and
 * generator states as {@link Dropout}, float bit for float bit, call after call and through
 * training.
 */
class StudyDropoutMatchesDl4jTest {
  @Test
  void theMaskIsNd4jsRandomOpsAndTheGeneratorEndsInTheSameState() {
    Random random = Nd4j.getRandom();
    random.setSeed(17);
    SplittableRandom shapes = new SplittableRandom(5);
    for (double p : new double[] {0.8, 0.5, 0.1, 0.999}) {
      InvertedDropoutMask masks = new InvertedDropoutMask(p);
      for (int trial = 0; trial < 20; trial++) {
        int rows = 1 + shapes.nextInt(130);
        int cols = 1 + shapes.nextInt(300);
        long root = random.rootState();
        long node = random.nodeState();
        INDArray expected = Nd4j.createUninitialized(DataType.FLOAT, rows, cols).assign(1.0);
        Nd4j.getExecutioner().exec(new DropOutInverted(expected, expected, p));
        INDArray actual = Nd4j.createUninitialized(DataType.FLOAT, rows, cols);
        var buffer = actual.data().asNioFloat();
        masks.fill(buffer, buffer.position(), rows * cols, root, node);
        assertThat(floats(actual)).as("p %s, %d x %d", p, rows, cols).isEqualTo(floats(expected));
        assertThat(random.rootState()).isEqualTo(root);
        assertThat(InvertedDropoutMask.advanced(node, (long) rows * cols))
            .as("the node state after the op")
            .isEqualTo(random.nodeState());
      }
    }
  }

  /**
   * Draws within a few hundred of the keep threshold, where a float conversion a bit off from
   * libnd4j's would decide otherwise (random draws land there about once in 10^7): generator states
   * are searched whose first draw falls there, and the op is run on them.
   */
  @Test
  void drawsNextToTheThresholdDecideAsTheOpDoes() {
    Random random = Nd4j.getRandom();
    long root = random.rootState();
    SplittableRandom nodes = new SplittableRandom(31);
    for (double p : new double[] {0.8, 0.5, 0.3}) {
      InvertedDropoutMask masks = new InvertedDropoutMask(p);
      long threshold = 0;
      while (InvertedDropoutMask.number(threshold) < (float) p) {
        threshold += 1L << 9; // the number changes every 512 draws
      }
      int found = 0;
      int kept = 0;
      while (found < 40) {
        long node = nodes.nextLong();
        long draw = Integer.toUnsignedLong(InvertedDropoutMask.draw(root, node, 0));
        if (Math.abs(draw - threshold) > 600) {
          continue;
        }
        found++;
        random.setStates(root, node);
        INDArray expected = Nd4j.createUninitialized(DataType.FLOAT, 1, 1).assign(1.0);
        Nd4j.getExecutioner().exec(new DropOutInverted(expected, expected, p));
        INDArray actual = Nd4j.createUninitialized(DataType.FLOAT, 1, 1);
        var buffer = actual.data().asNioFloat();
        masks.fill(buffer, buffer.position(), 1, root, node);
        assertThat(actual.getFloat(0))
            .as("p %s, draw %d, threshold %d", p, draw, threshold)
            .isEqualTo(expected.getFloat(0));
        kept += expected.getFloat(0) != 0 ? 1 : 0;
      }
      // both sides of the threshold were tried
      assertThat(kept).as("p %s", p).isBetween(1, 39);
    }
  }

  @Test
  void forwardAndBackwardAreDl4jsCallAfterCall() {
    SplittableRandom values = new SplittableRandom(7);
    for (int call = 0; call < 30; call++) {
      int rows = 1 + values.nextInt(128);
      int cols = 1 + values.nextInt(256);
      INDArray input = Nd4j.rand(DataType.FLOAT, rows, cols).subi(0.25);
      INDArray gradient = Nd4j.rand(DataType.FLOAT, rows, cols);
      long seed = values.nextLong();
      Pass dl4j = run(new Dropout(0.8), input, gradient, seed);
      Pass ours = run(new StudyDropout(0.8), input, gradient, seed);
      assertThat(ours.output()).as("call %d: output", call).isEqualTo(dl4j.output());
      assertThat(ours.inputGradient())
          .as("call %d: input gradient", call)
          .isEqualTo(dl4j.inputGradient());
      assertThat(ours.nodeState()).as("call %d: generator", call).isEqualTo(dl4j.nodeState());
    }
  }

  /** What a forward and backward pass gave, and the generator's state after them. */
  private record Pass(float[] output, float[] inputGradient, long nodeState) {}

  private static Pass run(IDropout dropout, INDArray input, INDArray gradient, long seed) {
    Nd4j.getRandom().setSeed(seed);
    INDArray out = input.ulike();
    dropout.applyDropout(input, out, 0, 0, LayerWorkspaceMgr.noWorkspaces());
    INDArray back = gradient.ulike();
    dropout.backprop(gradient, back, 0, 0);
    return new Pass(floats(out), floats(back), Nd4j.getRandom().nodeState());
  }

  private static float[] floats(INDArray a) {
    return a.reshape(a.length()).toFloatVector();
  }

  @Test
  void aNetworkTrainsBitForBitAsOnDl4jsDropout() {
    List<DataSet> batches = RandomBatches.of(305, 32, 20, 3, 29);
    List<float[]> dl4j = train(new Dropout(0.8), new Dropout(0.7), batches);
    List<float[]> ours = train(new StudyDropout(0.8), new StudyDropout(0.7), batches);
    assertThat(ours).hasSameSizeAs(dl4j);
    for (int i = 0; i < dl4j.size(); i++) {
      assertThat(ours.get(i)).as("parameters after iteration %d", i).isEqualTo(dl4j.get(i));
    }
    assertThat(dl4j.get(dl4j.size() - 1)).isNotEqualTo(dl4j.get(0));
  }

  @Test
  void aCloneIsAStudyDropout() {
    assertThat(new StudyDropout(0.8).clone())
        .isInstanceOf(StudyDropout.class)
        .isEqualTo(new StudyDropout(0.8));
  }

  private static List<float[]> train(IDropout first, IDropout second, List<DataSet> batches) {
    Nd4j.getRandom().setSeed(23);
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(23)
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-3))
                .list()
                .layer(
                    new DenseLayer.Builder().nIn(20).nOut(16).activation(Activation.RELU).build())
                .layer(
                    new DenseLayer.Builder()
                        .nIn(16)
                        .nOut(8)
                        .activation(Activation.RELU)
                        .dropOut(first)
                        .build())
                .layer(
                    new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(8)
                        .nOut(3)
                        .activation(Activation.SOFTMAX)
                        .dropOut(second)
                        .build())
                .build());
    net.init();
    List<float[]> params = new ArrayList<>();
    net.setListeners(
        new BaseTrainingListener() {
          @Override
          public void iterationDone(Model model, int iteration, int epoch) {
            params.add(model.params().toFloatVector());
          }
        });
    for (int e = 0; e < 2; e++) {
      net.fit(new ListDataSetIterator<>(batches, 1));
    }
    return params;
  }
}
