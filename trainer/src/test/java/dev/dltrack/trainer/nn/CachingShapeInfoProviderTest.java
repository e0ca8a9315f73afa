package dev.dltrack.trainer.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dltrack.trainer.study.StudyModel;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.ShapeInfoProvider;
import org.nd4j.linalg.cpu.nativecpu.DirectShapeInfoProvider;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link CachingShapeInfoProvider} gives ND4J's own shape information, made once per shape, and a
 * network trains with it float bit for float bit as with ND4J's provider.
 */
class CachingShapeInfoProviderTest {
  @Test
  void theShapeInformationIsNd4jsAndMadeOncePerShape() {
    CachingShapeInfoProvider caching = new CachingShapeInfoProvider();
    DirectShapeInfoProvider nd4j = new DirectShapeInfoProvider();
    for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE, DataType.INT64}) {
      for (boolean empty : new boolean[] {false, true}) {
        for (char order : new char[] {'c', 'f'}) {
          long[] shape = {128, 256};
          long[] stride = order == 'c' ? new long[] {256, 1} : new long[] {1, 128};
          Pair<DataBuffer, long[]> expected =
              nd4j.createShapeInformation(shape, stride, 1, order, type, empty);
          Pair<DataBuffer, long[]> first =
              caching.createShapeInformation(shape, stride, 1, order, type, empty);
          assertThat(first.getSecond()).isEqualTo(expected.getSecond());
          assertThat(first.getFirst().asLong()).isEqualTo(expected.getFirst().asLong());
          assertThat(first.getFirst().isConstant()).isTrue();
          Pair<DataBuffer, long[]> again =
              caching.createShapeInformation(shape.clone(), stride.clone(), 1, order, type, empty);
          assertThat(again).isSameAs(first);
        }
      }
    }
    assertThat(caching.cachedShapes()).isEqualTo(12);
  }

  @Test
  void aCallersArraysChangedAfterTheCallDoNotChangeTheCache() {
    CachingShapeInfoProvider caching = new CachingShapeInfoProvider();
    long[] shape = {3, 4};
    long[] stride = {4, 1};
    Pair<DataBuffer, long[]> first =
        caching.createShapeInformation(shape, stride, 1, 'c', DataType.FLOAT, false);
    shape[0] = 5;
    stride[0] = 7;
    Pair<DataBuffer, long[]> other =
        caching.createShapeInformation(shape, stride, 1, 'c', DataType.FLOAT, false);
    assertThat(other).isNotSameAs(first);
    assertThat(other.getSecond()[1]).isEqualTo(5);
    assertThat(
            caching.createShapeInformation(
                new long[] {3, 4}, new long[] {4, 1}, 1, 'c', DataType.FLOAT, false))
        .isSameAs(first);
  }

  @Test
  void shapesBeyondTheBoundAreMadeUncached() {
    CachingShapeInfoProvider caching = new CachingShapeInfoProvider();
    DirectShapeInfoProvider nd4j = new DirectShapeInfoProvider();
    int beyond = CachingShapeInfoProvider.MAX_ENTRIES + 10;
    for (int rows = 1; rows <= beyond; rows++) {
      long[] shape = {rows, 3};
      long[] stride = {3, 1};
      Pair<DataBuffer, long[]> made =
          caching.createShapeInformation(shape, stride, 1, 'c', DataType.FLOAT, false);
      assertThat(made.getSecond())
          .isEqualTo(
              nd4j.createShapeInformation(shape, stride, 1, 'c', DataType.FLOAT, false)
                  .getSecond());
    }
    assertThat(caching.cachedShapes()).isEqualTo(CachingShapeInfoProvider.MAX_ENTRIES);
  }

  /**
   * The study's network, trained on ND4J's provider and then on this one (installed in the running
   * ND4J, as {@code -Dshapeinfoprovider} installs it at the start): the same parameters after every
   * iteration.
   */
  @Test
  void theStudysNetworkTrainsBitForBitWithIt() throws Exception {
    List<DataSet> batches = RandomBatches.of(300, 64, 784, 10, 3);
    List<float[]> nd4j = train(batches);
    Field field = Nd4j.class.getDeclaredField("shapeInfoProvider");
    field.setAccessible(true);
    ShapeInfoProvider original = (ShapeInfoProvider) field.get(null);
    CachingShapeInfoProvider caching = new CachingShapeInfoProvider();
    List<float[]> cached;
    try {
      field.set(null, caching);
      cached = train(batches);
    } finally {
      field.set(null, original);
    }
    assertThat(caching.cachedShapes()).as("shapes made through it").isPositive();
    assertThat(cached).hasSameSizeAs(nd4j);
    for (int i = 0; i < nd4j.size(); i++) {
      assertThat(cached.get(i)).as("parameters after iteration %d", i).isEqualTo(nd4j.get(i));
    }
  }

  private static List<float[]> train(List<DataSet> batches) {
    Nd4j.getRandom().setSeed(11);
    MultiLayerNetwork net = StudyModel.build(11, 1e-3);
    List<float[]> params = new ArrayList<>();
    for (int epoch = 0; epoch < 2; epoch++) {
      for (DataSet batch : batches) {
        net.fit(batch);
        params.add(net.params().dup().data().asFloat());
      }
    }
    return params;
  }
}
