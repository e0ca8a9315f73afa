package dev.dltrack.tracker.dl4j;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the listener needs of a DL4J network, whichever kind it is: its counters, its layers named
 * as tags, its outputs and a probe's activations. One instance per trained model; the layer and
 * output lists are built once.
 */
abstract sealed class Network permits Network.Multi, Network.Graph {
  private final List<TrackedLayer> layers;
  private final List<Output> outputs;

  Network(List<TrackedLayer> layers, List<Output> outputs) {
    this.layers = List.copyOf(layers);
    this.outputs = List.copyOf(outputs);
  }

  /** The network behind {@code model}, or an error naming what is supported. */
  static Network of(Model model) {
    if (model instanceof MultiLayerNetwork net) {
      return new Multi(net);
    }
    if (model instanceof ComputationGraph graph) {
      return new Graph(graph);
    }
    throw new IllegalArgumentException(
        "TrackingListener logs a MultiLayerNetwork or a ComputationGraph, not a "
            + model.getClass().getName()
            + "; for SameDiff.fit use TrackingListener.builder(run).buildForSameDiff()");
  }

  abstract Model model();

  /** Updates applied so far. */
  abstract long iterationCount();

  /** Epochs DL4J counts as complete (during onEpochEnd: the one ending is not counted yet). */
  abstract int epochCount();

  abstract INDArray flattenedGradients();

  abstract INDArray params();

  /** The minibatch size of the iteration under way. */
  abstract int batchSize();

  /** The activations of every tracked layer on {@code probe}, by the layer's tag prefix. */
  abstract Map<String, INDArray> probeActivations(INDArray[] probe);

  /** Layers with parameters or activations worth logging, in the order DL4J computes them. */
  final List<TrackedLayer> layers() {
    return layers;
  }

  /** The network's outputs, in DL4J's order; one for a MultiLayerNetwork. */
  final List<Output> outputs() {
    return outputs;
  }

  /** A {@link MultiLayerNetwork}: layers are tagged {@code layer<index>}. */
  static final class Multi extends Network {
    private final MultiLayerNetwork net;

    Multi(MultiLayerNetwork net) {
      super(layersOf(net), List.of(outputOf(net)));
      this.net = net;
    }

    private static List<TrackedLayer> layersOf(MultiLayerNetwork net) {
      List<TrackedLayer> out = new ArrayList<>();
      for (int i = 0; i < net.getnLayers(); i++) {
        out.add(TrackedLayer.of("layer" + i, i + "_", net.getLayer(i)));
      }
      return out;
    }

    private static Output outputOf(MultiLayerNetwork net) {
      int last = net.getnLayers() - 1;
      return Output.of(
          "", net.getLayer(last), net.getLayerWiseConfigurations().getInputPreProcess(last), null);
    }

    MultiLayerNetwork net() {
      return net;
    }

    @Override
    Model model() {
      return net;
    }

    @Override
    long iterationCount() {
      return net.getIterationCount();
    }

    @Override
    int epochCount() {
      return net.getEpochCount();
    }

    @Override
    INDArray flattenedGradients() {
      return net.getFlattenedGradients();
    }

    @Override
    INDArray params() {
      return net.params();
    }

    @Override
    int batchSize() {
      return net.getLabels() != null ? (int) net.getLabels().size(0) : 1;
    }

    @Override
    Map<String, INDArray> probeActivations(INDArray[] probe) {
      checkArgument(
          probe.length == 1,
          "the probe has %s input arrays but a MultiLayerNetwork takes one",
          probe.length);
      List<INDArray> acts = net.feedForward(probe[0], false);
      Map<String, INDArray> out = new LinkedHashMap<>();
      for (int i = 0; i < net.getnLayers(); i++) {
        out.put(layers().get(i).tag(), acts.get(i + 1));
      }
      return out;
    }
  }

  /** A {@link ComputationGraph}: layers are tagged with their vertex names. */
  static final class Graph extends Network {
    private final ComputationGraph graph;

    Graph(ComputationGraph graph) {
      super(layersOf(graph), outputsOf(graph));
      this.graph = graph;
    }

    private static List<TrackedLayer> layersOf(ComputationGraph graph) {
      List<TrackedLayer> out = new ArrayList<>();
      for (String name : graph.getConfiguration().getTopologicalOrderStr()) {
        org.deeplearning4j.nn.graph.vertex.GraphVertex v = graph.getVertex(name);
        if (v.hasLayer()) {
          out.add(TrackedLayer.of(name, name + "_", v.getLayer()));
        }
      }
      return out;
    }

    private static List<Output> outputsOf(ComputationGraph graph) {
      List<String> names = graph.getConfiguration().getNetworkOutputs();
      List<Output> out = new ArrayList<>();
      for (String name : names) {
        GraphVertex conf = graph.getConfiguration().getVertices().get(name);
        InputPreProcessor pre = conf instanceof LayerVertex lv ? lv.getPreProcessor() : null;
        List<String> inputs = graph.getConfiguration().getVertexInputs().get(name);
        String input = inputs != null && inputs.size() == 1 ? inputs.get(0) : null;
        org.deeplearning4j.nn.graph.vertex.GraphVertex v = graph.getVertex(name);
        Layer layer = v.hasLayer() ? v.getLayer() : null;
        out.add(Output.of(names.size() == 1 ? "" : name, layer, pre, input));
      }
      return out;
    }

    ComputationGraph graph() {
      return graph;
    }

    @Override
    Model model() {
      return graph;
    }

    @Override
    long iterationCount() {
      return graph.getIterationCount();
    }

    @Override
    int epochCount() {
      return graph.getEpochCount();
    }

    @Override
    INDArray flattenedGradients() {
      return graph.getFlattenedGradients();
    }

    @Override
    INDArray params() {
      return graph.params();
    }

    @Override
    int batchSize() {
      return graph.batchSize();
    }

    @Override
    Map<String, INDArray> probeActivations(INDArray[] probe) {
      List<String> inputs = graph.getConfiguration().getNetworkInputs();
      checkArgument(
          probe.length == inputs.size(),
          "the probe has %s input arrays but the graph has %s inputs %s: give one per input, in that order",
          probe.length,
          inputs.size(),
          inputs);
      Map<String, INDArray> acts = graph.feedForward(probe, false);
      Map<String, INDArray> out = new LinkedHashMap<>();
      for (TrackedLayer l : layers()) {
        INDArray a = acts.get(l.tag());
        if (a != null) {
          out.put(l.tag(), a);
        }
      }
      return out;
    }
  }
}
