package dev.dltrack.tracker.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Reading straight from native buffers gives the same values as copying through ND4J. */
class NativeArrayReadingTest {
  private static float[] sorted(float[] a) {
    float[] s = a.clone();
    Arrays.sort(s);
    return s;
  }

  private static float[] throughNd4j(INDArray a) {
    return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
  }

  @Test
  void parameterViewsOfANetworkReadAsTheirOwnValues() {
    MultiLayerNetwork net = Fixtures.reluSoftmax(1, 7, 5, 3, 1e-3);
    for (int i = 0; i < 2; i++) {
      for (Map.Entry<String, INDArray> p : net.getLayer(i).paramTable().entrySet()) {
        INDArray view = p.getValue();
        assertThat(INDArrays.direct(view)).as("%s is one contiguous run", p.getKey()).isNotNull();
        assertThat(sorted(INDArrays.values(view))).containsExactly(sorted(throughNd4j(view)));
      }
    }
  }

  @Test
  void nonContiguousViewsAreCopiedThroughNd4j() {
    INDArray m = Nd4j.rand(DataType.FLOAT, 6, 4);
    INDArray column = m.get(NDArrayIndex.all(), NDArrayIndex.point(2));
    assertThat(INDArrays.values(column)).containsExactly(throughNd4j(column));
    INDArray doubles = Nd4j.rand(DataType.DOUBLE, 3, 3);
    assertThat(INDArrays.direct(doubles)).isNull();
    assertThat(INDArrays.values(doubles)).containsExactly(throughNd4j(doubles));
  }

  @Test
  void rowMajorReordersColumnMajorMatrices() {
    INDArray f = Nd4j.rand(DataType.FLOAT, 3, 4).dup('f');
    assertThat(INDArrays.rowMajor(f)).containsExactly(throughNd4j(f));
    INDArray c = Nd4j.rand(DataType.FLOAT, 3, 4).dup('c');
    assertThat(INDArrays.rowMajor(c)).containsExactly(throughNd4j(c));
  }

  @Test
  void rowMajorReadsBlocksOfRowsInPlace() {
    INDArray epoch = Nd4j.rand(DataType.FLOAT, 50, 10);
    INDArray batch = epoch.get(NDArrayIndex.interval(20, 36), NDArrayIndex.all());
    assertThat(batch.offset()).isPositive();
    assertThat(INDArrays.direct(batch)).as("a block of rows is one contiguous run").isNotNull();
    assertThat(INDArrays.rowMajor(batch)).containsExactly(throughNd4j(batch));
    INDArray columns = epoch.get(NDArrayIndex.interval(20, 36), NDArrayIndex.interval(2, 5));
    assertThat(INDArrays.rowMajor(columns)).containsExactly(throughNd4j(columns));
  }

  @Test
  void leadingColumnsAreTheMatrixColumnsWhateverTheLayout() {
    INDArray m = Nd4j.rand(DataType.FLOAT, 7, 5);
    for (INDArray a : java.util.List.of(m.dup('f'), m.dup('c'), m.castTo(DataType.DOUBLE),
        Nd4j.rand(DataType.FLOAT, 9, 5).get(NDArrayIndex.interval(1, 8), NDArrayIndex.all()))) {
      float[][] columns = INDArrays.leadingColumns(a, 3);
      assertThat(columns).hasNumberOfRows(3);
      for (int u = 0; u < 3; u++) {
        assertThat(columns[u]).as("column %s of a %s array", u, a.ordering())
            .containsExactly(throughNd4j(a.getColumn(u)));
      }
    }
  }

  @Test
  void leadingColumnsOfAWeightViewReadOnlyItsOwnMemory() {
    MultiLayerNetwork net = Fixtures.reluSoftmax(1, 12, 6, 3, 1e-3);
    INDArray w = net.getLayer(0).getParam("W");
    assertThat(w.ordering()).isEqualTo('f');
    float[][] columns = INDArrays.leadingColumns(w, 6);
    for (int u = 0; u < 6; u++) {
      assertThat(columns[u]).containsExactly(throughNd4j(w.getColumn(u)));
    }
  }
}
