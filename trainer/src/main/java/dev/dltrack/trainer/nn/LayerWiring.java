package dev.dltrack.trainer.nn;

import java.util.Collection;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What DL4J's own dense and output layer configurations do to a new layer in instantiate(). */
final class LayerWiring {
  private LayerWiring() {}

  static <L extends BaseLayer<?>> L wire(
      L layer,
      NeuralNetConfiguration conf,
      Collection<TrainingListener> listeners,
      int index,
      INDArray paramsView,
      ParamInitializer initializer,
      boolean initializeParams) {
    layer.setListeners(listeners);
    layer.setIndex(index);
    layer.setParamsViewArray(paramsView);
    layer.setParamTable(initializer.init(conf, paramsView, initializeParams));
    layer.setConf(conf);
    return layer;
  }
}
