package dev.dltrack.examples;

import dev.dltrack.tracker.Run;
import dev.dltrack.tracker.dl4j.TrackingListener;
import java.nio.file.Path;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The tracker on {@code SameDiff.fit}: an MLP written in SameDiff learns the spirals; its variables
 * are logged under their SameDiff names ({@code hidden/W}, {@code hidden/update_ratio/W}).
 */
public final class SameDiffExample {
  private SameDiffExample() {}

  public static void main(String[] args) throws Exception {
    Path logRoot = Path.of(args.length > 0 ? args[0] : "logs");
    DataSet data = Dl4jListenerExample.spirals(600, 3);
    data.setFeatures(data.getFeatures().castTo(DataType.FLOAT));
    data.setLabels(data.getLabels().castTo(DataType.FLOAT));

    // --- copy from here ---
    Nd4j.getRandom().setSeed(3);
    SameDiff sd = SameDiff.create();
    SDVariable in = sd.placeHolder("input", DataType.FLOAT, -1, 2);
    SDVariable label = sd.placeHolder("label", DataType.FLOAT, -1, 3);
    SDVariable w0 = sd.var("hidden/W", Nd4j.randn(DataType.FLOAT, 2, 64).muli(Math.sqrt(2.0 / 2)));
    SDVariable b0 = sd.var("hidden/b", Nd4j.zeros(DataType.FLOAT, 1, 64));
    SDVariable w1 = sd.var("out/W", Nd4j.randn(DataType.FLOAT, 64, 3).muli(Math.sqrt(1.0 / 64)));
    SDVariable b1 = sd.var("out/b", Nd4j.zeros(DataType.FLOAT, 1, 3));
    SDVariable logits = sd.nn().relu(in.mmul(w0).add(b0), 0).mmul(w1).add(b1);
    sd.nn().softmax("probabilities", logits);
    sd.loss().softmaxCrossEntropy("loss", label, logits, null);
    sd.setLossVariables("loss");
    sd.setTrainingConfig(
        TrainingConfig.builder()
            .updater(new Adam(1e-2))
            .dataSetFeatureMapping("input")
            .dataSetLabelMapping("label")
            .build());
    try (Run run = Run.builder("spirals-samediff").logRoot(logRoot).config("lr", 1e-2).open()) {
      sd.setListeners(TrackingListener.builder(run).buildForSameDiff());
      sd.fit(new ListDataSetIterator<>(data.asList(), 50), 30);
    }
    // --- to here ---
    System.out.println("wrote " + logRoot.resolve("spirals-samediff").toAbsolutePath());
  }
}
