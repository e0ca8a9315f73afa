package dev.dltrack.tracker.dl4j;

import dev.dltrack.tracker.read.RunLog;
import dev.dltrack.tracker.read.ScalarPoint;
import dev.dltrack.tracker.tensorboard.TensorBoardRuns;
import dev.dltrack.tracker.testing.TfeventsCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small data and read-back helpers shared by the listener's tests. */
final class Fixtures {
  private Fixtures() {}

  /** The run as the tracker's reader sees it, after the independent checker passed its files. */
  static RunLog read(Path root, String name) throws Exception {
    TfeventsCheck.assertSound(root);
    return TensorBoardRuns.readRun(root.resolve(name), name);
  }

  static List<Long> steps(List<ScalarPoint> points) {
    return points.stream().map(ScalarPoint::step).toList();
  }

  static List<Long> range(long from, long to) {
    return LongStream.range(from, to).boxed().toList();
  }

  /** Every tag the run logged, scalars, histograms and texts together. */
  static Set<String> tags(RunLog log) {
    Set<String> all = new TreeSet<>(log.scalars().keySet());
    all.addAll(log.histograms().keySet());
    all.addAll(log.texts().keySet());
    return all;
  }

  /**
   * {@code n} examples of {@code classes} classes, one-hot: {@code features} Gaussian columns with
   * the class's column shifted by 2, so that a network learns them in a few iterations.
   */
  static INDArray[] classes(int n, int features, int classes, long seed) {
    Nd4j.getRandom().setSeed(seed);
    INDArray x = Nd4j.randn(DataType.FLOAT, n, features).muli(0.3);
    INDArray y = Nd4j.zeros(DataType.FLOAT, n, classes);
    for (int i = 0; i < n; i++) {
      int c = i % classes;
      y.putScalar(i, c, 1);
      x.putScalar(i, c % features, x.getFloat(i, c % features) + 2);
    }
    return new INDArray[] {x, y};
  }

  /**
   * A seeded, initialized float classifier: one ReLU dense layer of {@code hidden} units, then a
   * softmax output with cross-entropy, trained by Adam at {@code learningRate}.
   */
  static MultiLayerNetwork reluSoftmax(
      long seed, int features, int hidden, int classes, double learningRate) {
    return reluSoftmax(seed, features, hidden, classes, learningRate, 1);
  }

  /**
   * As {@link #reluSoftmax(long, int, int, int, double)}, with dropout on the output layer's input:
   * each kept with probability {@code outputRetain} (1: no dropout).
   */
  static MultiLayerNetwork reluSoftmax(
      long seed, int features, int hidden, int classes, double learningRate, double outputRetain) {
    OutputLayer.Builder output =
        new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
            .nIn(hidden)
            .nOut(classes)
            .activation(Activation.SOFTMAX);
    if (outputRetain < 1) {
      output.dropOut(outputRetain);
    }
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(learningRate))
                .list()
                .layer(
                    new DenseLayer.Builder()
                        .nIn(features)
                        .nOut(hidden)
                        .activation(Activation.RELU)
                        .build())
                .layer(output.build())
                .build());
    net.init();
    return net;
  }

  /** A resettable iterator over fixed minibatches. */
  static final class Batches implements MultiDataSetIterator {
    private static final long serialVersionUID = 1L;
    private final List<MultiDataSet> batches;
    private int next;

    Batches(List<MultiDataSet> batches) {
      this.batches = new ArrayList<>(batches);
    }

    /** Splits {@code features} and {@code labels} (same rows) into minibatches of {@code size}. */
    static Batches of(INDArray[] features, INDArray[] labels, int size) {
      List<MultiDataSet> out = new ArrayList<>();
      long n = features[0].size(0);
      for (long from = 0; from < n; from += size) {
        long to = Math.min(n, from + size);
        out.add(new MultiDataSet(rows(features, from, to), rows(labels, from, to)));
      }
      return new Batches(out);
    }

    private static INDArray[] rows(INDArray[] arrays, long from, long to) {
      INDArray[] out = new INDArray[arrays.length];
      for (int i = 0; i < arrays.length; i++) {
        out[i] = arrays[i].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to)).dup();
      }
      return out;
    }

    @Override
    public MultiDataSet next(int num) {
      return next();
    }

    @Override
    public void setPreProcessor(MultiDataSetPreProcessor preProcessor) {
      throw new UnsupportedOperationException();
    }

    @Override
    public MultiDataSetPreProcessor getPreProcessor() {
      return null;
    }

    @Override
    public boolean resetSupported() {
      return true;
    }

    @Override
    public boolean asyncSupported() {
      return false;
    }

    @Override
    public void reset() {
      next = 0;
    }

    @Override
    public boolean hasNext() {
      return next < batches.size();
    }

    @Override
    public MultiDataSet next() {
      return batches.get(next++);
    }
  }
}
