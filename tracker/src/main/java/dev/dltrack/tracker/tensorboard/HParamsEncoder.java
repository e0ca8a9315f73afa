package dev.dltrack.tracker.tensorboard;

import com.google.protobuf.ListValue;
import com.google.protobuf.Value;
import dev.dltrack.tracker.Experiment;
import dev.dltrack.tracker.RunStatus;
import dev.dltrack.tracker.tensorboard.proto.DataType;
import dev.dltrack.tracker.tensorboard.proto.DatasetType;
import dev.dltrack.tracker.tensorboard.proto.HParamInfo;
import dev.dltrack.tracker.tensorboard.proto.HParamsPluginData;
import dev.dltrack.tracker.tensorboard.proto.Interval;
import dev.dltrack.tracker.tensorboard.proto.MetricInfo;
import dev.dltrack.tracker.tensorboard.proto.MetricName;
import dev.dltrack.tracker.tensorboard.proto.SessionEndInfo;
import dev.dltrack.tracker.tensorboard.proto.SessionStartInfo;
import dev.dltrack.tracker.tensorboard.proto.Status;
import java.util.Map;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * The hparams plugin's summaries, as TensorBoard's {@code hparams.summary} module writes them: a
 * {@link HParamsPluginData} in the summary metadata and an empty float tensor as the value.
 */
final class HParamsEncoder {
  static final String PLUGIN = "hparams";
  static final String EXPERIMENT_TAG = "_hparams_/experiment";
  static final String SESSION_START_TAG = "_hparams_/session_start_info";
  static final String SESSION_END_TAG = "_hparams_/session_end_info";

  /** TensorBoard's "null tensor": float, shape [0]. */
  private static final TensorProto NULL_TENSOR =
      TensorProto.newBuilder()
          .setDtype(org.tensorflow.proto.DataType.DT_FLOAT)
          .setTensorShape(
              TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dim.newBuilder().setSize(0)))
          .build();

  private HParamsEncoder() {}

  static Event sessionStart(
      Map<String, Object> hparams, String group, double startTime) {
    SessionStartInfo.Builder info =
        SessionStartInfo.newBuilder().setGroupName(group).setStartTimeSecs(startTime);
    hparams.forEach((k, v) -> info.putHparams(k, value(v)));
    return summary(
        SESSION_START_TAG, startTime, HParamsPluginData.newBuilder().setSessionStartInfo(info));
  }

  static Event sessionEnd(RunStatus status, double endTime) {
    SessionEndInfo info =
        SessionEndInfo.newBuilder().setStatus(status(status)).setEndTimeSecs(endTime).build();
    return summary(
        SESSION_END_TAG, endTime, HParamsPluginData.newBuilder().setSessionEndInfo(info));
  }

  /**
   * The experiment, with every hparam of the run's config that the declaration does not name
   * added without a domain, so that TensorBoard shows all of them.
   */
  static Event experiment(Experiment e, Map<String, Object> config, double time) {
    var exp =
        dev.dltrack.tracker.tensorboard.proto.Experiment.newBuilder()
            .setDescription(e.description())
            .setTimeCreatedSecs(time);
    for (Experiment.HParam h : e.hparams()) {
      exp.addHparamInfos(hparamInfo(h));
    }
    config.forEach(
        (k, v) -> {
          if (e.hparam(k).isEmpty()) {
            exp.addHparamInfos(HParamInfo.newBuilder().setName(k).setType(typeOf(v)));
          }
        });
    for (Experiment.Metric m : e.metrics()) {
      exp.addMetricInfos(
          MetricInfo.newBuilder()
              .setName(MetricName.newBuilder().setTag(m.tag()))
              .setDisplayName(m.displayName())
              .setDescription(m.description())
              .setDatasetType(datasetType(m.dataset())));
    }
    return summary(EXPERIMENT_TAG, time, HParamsPluginData.newBuilder().setExperiment(exp));
  }

  /** The proto's data type of {@code t}, by name: the two enums number their constants alike. */
  static DataType dataType(Experiment.HParamType t) {
    return switch (t) {
      case UNSET -> DataType.DATA_TYPE_UNSET;
      case STRING -> DataType.DATA_TYPE_STRING;
      case BOOL -> DataType.DATA_TYPE_BOOL;
      case FLOAT64 -> DataType.DATA_TYPE_FLOAT64;
    };
  }

  /** The hparam type of the proto's {@code t}; UNSET for a type this version does not know. */
  static Experiment.HParamType hparamType(DataType t) {
    return switch (t) {
      case DATA_TYPE_STRING -> Experiment.HParamType.STRING;
      case DATA_TYPE_BOOL -> Experiment.HParamType.BOOL;
      case DATA_TYPE_FLOAT64 -> Experiment.HParamType.FLOAT64;
      default -> Experiment.HParamType.UNSET;
    };
  }

  /** The proto's dataset type of {@code d}. */
  static DatasetType datasetType(Experiment.Dataset d) {
    return switch (d) {
      case UNKNOWN -> DatasetType.DATASET_UNKNOWN;
      case TRAINING -> DatasetType.DATASET_TRAINING;
      case VALIDATION -> DatasetType.DATASET_VALIDATION;
    };
  }

  /** The dataset of the proto's {@code d}; UNKNOWN for a dataset this version does not know. */
  static Experiment.Dataset dataset(DatasetType d) {
    return switch (d) {
      case DATASET_TRAINING -> Experiment.Dataset.TRAINING;
      case DATASET_VALIDATION -> Experiment.Dataset.VALIDATION;
      default -> Experiment.Dataset.UNKNOWN;
    };
  }

  private static HParamInfo hparamInfo(Experiment.HParam h) {
    HParamInfo.Builder b =
        HParamInfo.newBuilder()
            .setName(h.name())
            .setDisplayName(h.displayName())
            .setDescription(h.description())
            .setType(dataType(h.type()));
    h.domain()
        .ifPresent(
            d -> {
              if (d instanceof Experiment.Discrete discrete) {
                ListValue.Builder list = ListValue.newBuilder();
                discrete.values().forEach(v -> list.addValues(value(v)));
                b.setDomainDiscrete(list);
              } else if (d instanceof Experiment.Interval i) {
                b.setDomainInterval(
                    Interval.newBuilder().setMinValue(i.min()).setMaxValue(i.max()));
              }
            });
    return b.build();
  }

  static DataType typeOf(Object v) {
    if (v instanceof String) {
      return DataType.DATA_TYPE_STRING;
    }
    if (v instanceof Boolean) {
      return DataType.DATA_TYPE_BOOL;
    }
    return DataType.DATA_TYPE_FLOAT64;
  }

  static Value value(Object v) {
    if (v instanceof String s) {
      return Value.newBuilder().setStringValue(s).build();
    }
    if (v instanceof Boolean b) {
      return Value.newBuilder().setBoolValue(b).build();
    }
    return Value.newBuilder().setNumberValue(((Number) v).doubleValue()).build();
  }

  private static Status status(RunStatus s) {
    return switch (s) {
      case SUCCESS -> Status.STATUS_SUCCESS;
      case FAILURE -> Status.STATUS_FAILURE;
      case RUNNING -> Status.STATUS_RUNNING;
      case UNKNOWN -> Status.STATUS_UNKNOWN;
    };
  }

  private static Event summary(String tag, double wallTime, HParamsPluginData.Builder data) {
    data.setVersion(0);
    return EventEncoder.event(
        0,
        wallTime,
        Summary.Value.newBuilder()
            .setTag(tag)
            .setMetadata(EventEncoder.pluginMetadata(PLUGIN, data.build().toByteString()))
            .setTensor(NULL_TENSOR)
            .build());
  }
}
