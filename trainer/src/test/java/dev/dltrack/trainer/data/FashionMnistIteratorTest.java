package dev.dltrack.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class FashionMnistIteratorTest {
  private static final LabeledImages IMAGES = IdxFixtures.images(30, 0);

  /** The image numbers of one epoch's batches, batch by batch. */
  private static List<List<Integer>> epoch(FashionMnistIterator iterator) {
    List<List<Integer>> batches = new ArrayList<>();
    while (iterator.hasNext()) {
      INDArray features = iterator.next().getFeatures();
      batches.add(
          IntStream.range(0, features.rows())
              .mapToObj(
                  row ->
                      Math.round(features.getFloat(row, 0) * 255)
                          + 256 * Math.round(features.getFloat(row, 1) * 255))
              .collect(Collectors.toList()));
    }
    iterator.reset();
    return batches;
  }

  private static List<Integer> flatten(List<List<Integer>> batches) {
    return batches.stream().flatMap(List::stream).collect(Collectors.toList());
  }

  @Test
  void servesFullBatchesThenTheRest() {
    List<List<Integer>> batches = epoch(FashionMnistIterator.inOrder(IMAGES, 8));

    assertThat(batches).extracting(List::size).containsExactly(8, 8, 8, 6);
    assertThat(FashionMnistIterator.inOrder(IMAGES, 8).batches()).isEqualTo(4);
    assertThat(FashionMnistIterator.shuffled(IMAGES, 10, 1).batches()).isEqualTo(3);
  }

  @Test
  void servesFeaturesAndOneHotLabelsOfTheSameImage() {
    DataSet batch = FashionMnistIterator.shuffled(IMAGES, 8, 1).next();

    assertThat(batch.getFeatures().shape()).containsExactly(8, LabeledImages.PIXELS);
    assertThat(batch.getLabels().shape()).containsExactly(8, LabeledImages.CLASSES);
    for (int row = 0; row < 8; row++) {
      int image = Math.round(batch.getFeatures().getFloat(row, 0) * 255);
      assertThat(batch.getFeatures().getRow(row)).isEqualTo(IMAGES.features().getRow(image));
      assertThat(batch.getLabels().getRow(row)).isEqualTo(IMAGES.labels().getRow(image));
    }
  }

  @Test
  void inOrderServesTheImagesInTheirOrderEveryEpoch() {
    FashionMnistIterator iterator = FashionMnistIterator.inOrder(IMAGES, 8);
    List<Integer> expected = IntStream.range(0, 30).boxed().collect(Collectors.toList());

    assertThat(flatten(epoch(iterator))).isEqualTo(expected);
    assertThat(flatten(epoch(iterator))).isEqualTo(expected);
  }

  @Test
  void shuffledServesEveryImageOnceAnEpochInANewOrder() {
    FashionMnistIterator iterator = FashionMnistIterator.shuffled(IMAGES, 8, 42);

    List<Integer> first = flatten(epoch(iterator));
    List<Integer> second = flatten(epoch(iterator));

    assertThat(first).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 30).boxed().toList());
    assertThat(second).containsExactlyInAnyOrderElementsOf(first).isNotEqualTo(first);
  }

  @Test
  void theSameSeedGivesTheSameBatchesEveryRun() {
    FashionMnistIterator one = FashionMnistIterator.shuffled(IMAGES, 8, 42);
    FashionMnistIterator other = FashionMnistIterator.shuffled(IMAGES, 8, 42);

    for (int e = 0; e < 3; e++) {
      assertThat(epoch(one)).isEqualTo(epoch(other));
    }
  }

  @Test
  void anotherSeedGivesOtherBatches() {
    assertThat(epoch(FashionMnistIterator.shuffled(IMAGES, 8, 7)))
        .isNotEqualTo(epoch(FashionMnistIterator.shuffled(IMAGES, 8, 42)));
  }

  @Test
  void resetBeforeTheFirstBatchKeepsTheOrder() {
    FashionMnistIterator reset = FashionMnistIterator.shuffled(IMAGES, 8, 42);
    reset.reset();

    assertThat(epoch(reset)).isEqualTo(epoch(FashionMnistIterator.shuffled(IMAGES, 8, 42)));
  }

  @Test
  void anEmptySetHasNoBatches() {
    assertThat(FashionMnistIterator.shuffled(IMAGES.first(0), 8, 42).hasNext()).isFalse();
  }

  @Test
  void nextWithACountServesThatManyImages() {
    FashionMnistIterator iterator = FashionMnistIterator.inOrder(IMAGES, 8);

    assertThat(iterator.next(25).numExamples()).isEqualTo(25);
    assertThat(iterator.next(25).numExamples()).isEqualTo(5);
  }

  @Test
  void refusesToServePastTheEndOfAnEpoch() {
    FashionMnistIterator iterator = FashionMnistIterator.inOrder(IMAGES, 30);
    iterator.next();

    assertThatThrownBy(iterator::next)
        .isInstanceOf(NoSuchElementException.class)
        .hasMessage(
            "all 30 images of this epoch were served; call reset() to start the next" + " epoch");
  }

  @Test
  void appliesThePreProcessorToEveryBatch() {
    FashionMnistIterator iterator = FashionMnistIterator.inOrder(IMAGES, 8);
    iterator.setPreProcessor(batch -> batch.getFeatures().assign(0.5));

    assertThat(iterator.next().getFeatures().meanNumber().doubleValue()).isEqualTo(0.5);
  }

  @Test
  void describesTheDataToDl4j() {
    FashionMnistIterator iterator = FashionMnistIterator.shuffled(IMAGES, 8, 42);

    assertThat(iterator.inputColumns()).isEqualTo(784);
    assertThat(iterator.totalOutcomes()).isEqualTo(10);
    assertThat(iterator.batch()).isEqualTo(8);
    assertThat(iterator.resetSupported()).isTrue();
    assertThat(iterator.getLabels()).hasSize(10).startsWith("T-shirt/top");
  }

  @Test
  void trainsADl4jNetworkForSeveralEpochs() {
    MultiLayerNetwork net =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(1)
                .updater(new Adam(1e-3))
                .list()
                .layer(
                    new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(784)
                        .nOut(10)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());
    net.init();

    net.fit(FashionMnistIterator.shuffled(IMAGES, 8, 42), 3);

    assertThat(net.getIterationCount()).isEqualTo(3 * 4);
    assertThat(net.getEpochCount()).isEqualTo(3);
  }

  @Test
  void shuffledIteratorsOfTheSameImagesShareOneUnchangedArrayOfThem() {
    LabeledImages images = IdxFixtures.images(30, 0);
    FashionMnistIterator first = FashionMnistIterator.shuffled(images, 7, 1);
    FashionMnistIterator second = FashionMnistIterator.shuffled(images, 4, 2);
    for (int epoch = 0; epoch < 2; epoch++) {
      while (first.hasNext()) {
        first.next().getFeatures().muli(0); // a batch is the iterator's own to change
      }
      while (second.hasNext()) {
        second.next();
      }
      first.reset();
      second.reset();
    }
    assertThat(images.sharedFeatures()).isSameAs(images.sharedFeatures());
    assertThat(images.sharedFeatures()).isEqualTo(images.features());
  }
}
