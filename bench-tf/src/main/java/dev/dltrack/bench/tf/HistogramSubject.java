package dev.dltrack.bench.tf;

/**
 * The histogram writers compared. The tracker bins into {@link
 * dev.dltrack.tracker.Histogram#DEFAULT_BUCKETS} equal-width buckets; TensorFlow's {@code
 * WriteHistogramSummary} into its fixed exponential buckets (about 1,500, binary-searched). Both
 * write TensorBoard's legacy {@code HistogramProto}.
 */
enum HistogramSubject {
  TRACKER("tracker, tensorboard format: Run.histogram(float[])") {
    @Override
    HistogramMode create() {
      return new TrackerHistograms();
    }
  },
  TF_GRAPH("TF native writer, graph: one WriteHistogramSummary per Session.run, tensor fed") {
    @Override
    HistogramMode create() {
      return new TfGraphHistograms();
    }
  };

  /** The tag every writer logs under. */
  static final String TAG = "weights";

  private final String label;

  HistogramSubject(String label) {
    this.label = label;
  }

  /** Sets up this way of writing. */
  abstract HistogramMode create();

  String label() {
    return label;
  }
}
