package dev.dltrack.bench.tf;

/** The scalar writers compared; public for JMH's generated code, which sets them as a parameter. */
public enum ScalarSubject {
  TRACKER_TENSORBOARD("tracker, tensorboard format", true) {
    @Override
    ScalarMode create() {
      return new TrackerScalars("tensorboard");
    }
  },
  TRACKER_DEFAULT("tracker, default formats (tensorboard + wandb)", true) {
    @Override
    ScalarMode create() {
      return new TrackerScalars();
    }
  },
  TF_GRAPH_1024("TF native writer, graph: 1024 values per Session.run", false) {
    @Override
    ScalarMode create() {
      return new TfGraphScalars(1024);
    }
  },
  TF_GRAPH_16("TF native writer, graph: 16 values per Session.run", false) {
    @Override
    ScalarMode create() {
      return new TfGraphScalars(16);
    }
  },
  TF_GRAPH_1("TF native writer, graph: 1 value per Session.run", false) {
    @Override
    ScalarMode create() {
      return new TfGraphScalars(1);
    }
  },
  TF_EAGER("TF native writer, eager: one op per value", false) {
    @Override
    ScalarMode create() {
      return new TfEagerScalars();
    }
  };

  /** The tag every writer logs under. */
  static final String TAG = "train/loss";

  private final String label;
  private final boolean tracker;

  ScalarSubject(String label, boolean tracker) {
    this.label = label;
    this.tracker = tracker;
  }

  /** Sets up this way of writing. */
  abstract ScalarMode create();

  String label() {
    return label;
  }

  boolean isTracker() {
    return tracker;
  }
}
